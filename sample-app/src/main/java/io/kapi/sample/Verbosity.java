package io.kapi.sample;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Maps kube-apiserver's {@code -v=N} onto Kapi's loggers: V(3) lines (one per request) are logged
 * at DEBUG on {@code io.kapi.server.httplog}; V(5) lines (routing decisions) at DEBUG on the mux
 * and director loggers; {@code -v=6} and above turn on DEBUG everywhere in Kapi, 8 and above TRACE.
 */
final class Verbosity {
  private Verbosity() {}

  static void apply(int verbosity) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    if (verbosity >= 3) {
      context.getLogger("io.kapi.server.httplog").setLevel(Level.DEBUG);
    }
    if (verbosity >= 5) {
      context.getLogger("io.kapi.pathrecorder").setLevel(Level.DEBUG);
      context.getLogger("io.kapi.server.ApiServerHandler").setLevel(Level.DEBUG);
    }
    if (verbosity >= 6) {
      Logger kapi = context.getLogger("io.kapi");
      kapi.setLevel(verbosity >= 8 ? Level.TRACE : Level.DEBUG);
    }
  }
}
