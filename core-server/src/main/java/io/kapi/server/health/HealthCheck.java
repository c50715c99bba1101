package io.kapi.server.health;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One named health check (e.g. {@code ping}, {@code etcd}); a check fails by throwing.
 * Implementations must be fast and thread-safe: they run on every health request.
 */
public interface HealthCheck {

  /** The check's name, used in {@code /healthz/<name>} and in verbose output. */
  String name();

  /** Returns normally when healthy; throws with the reason otherwise. */
  void check() throws Exception;

  /** A check from a name and a body. */
  static HealthCheck of(String name, Body body) {
    checkNotNull(name, "name");
    checkArgument(!name.isEmpty() && !name.contains(" "), "invalid health check name: %s", name);
    checkNotNull(body, "body");
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void check() throws Exception {
        body.check();
      }

      @Override
      public String toString() {
        return "HealthCheck[" + name + "]";
      }
    };
  }

  /** The body of a check built with {@link #of}. */
  @FunctionalInterface
  interface Body {
    void check() throws Exception;
  }

  /** The {@code ping} check, which always passes. */
  static HealthCheck ping() {
    return of("ping", () -> {});
  }
}
