package io.kapi.server;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.server.health.HealthCheck;
import io.undertow.server.HttpHandler;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A server that another server can hand requests to: its unprotected handler (the director, without
 * filters) becomes the not-found handler of the next server's path recorder mux, as in
 * kube-apiserver's server chain.
 */
public interface DelegationTarget {

  /** The handler without filters, or null for the empty delegate. */
  @Nullable HttpHandler unprotectedHandler();

  /** Health checks of this server and everything it delegates to. */
  List<HealthCheck> healthChecks();

  /** Paths listed at {@code /} by this server and everything it delegates to. */
  List<String> listedPaths();

  /** The server this one delegates to, or null at the end of the chain. */
  @Nullable DelegationTarget nextDelegate();

  /** A delegate that serves nothing: a server built on it answers unknown paths itself. */
  static DelegationTarget empty() {
    return new FixedDelegate(null);
  }

  /** The end of a chain that answers every request with {@code handler} (e.g. the final 404). */
  static DelegationTarget withHandler(HttpHandler handler) {
    return new FixedDelegate(checkNotNull(handler, "handler"));
  }

  /** A delegation target with no paths, checks or further delegate. */
  record FixedDelegate(@Nullable HttpHandler unprotectedHandler) implements DelegationTarget {
    @Override
    public List<HealthCheck> healthChecks() {
      return List.of();
    }

    @Override
    public List<String> listedPaths() {
      return List.of();
    }

    @Override
    public @Nullable DelegationTarget nextDelegate() {
      return null;
    }
  }
}
