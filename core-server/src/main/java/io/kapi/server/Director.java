package io.kapi.server;

import io.kapi.pathrecorder.GoQuote;
import io.kapi.pathrecorder.PathRecorderMux;
import io.kapi.restcontainer.Container;
import io.kapi.restcontainer.WebService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks, per request, the go-restful container or the non-go-restful mux, exactly as upstream's
 * director: a WebService claims a path that equals its root or continues it at a {@code /} boundary,
 * except the {@code /apis} WebService, which claims only {@code /apis} and {@code /apis/}.
 */
final class Director implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiServerHandler.class);

  private final String name;
  private final Container container;
  private final PathRecorderMux mux;

  Director(String name, Container container, PathRecorderMux mux) {
    this.name = name;
    this.container = container;
    this.mux = mux;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path = exchange.getRequestPath();
    WebService claimed = claimingWebService(path);
    if (claimed != null) {
      if (log.isDebugEnabled()) {
        log.debug(
            "{}: {} {} satisfied by gorestful with webservice {}",
            name, exchange.getRequestMethod(), GoQuote.quote(path), claimed.rootPath());
      }
      container.handleRequest(exchange);
      return;
    }
    if (log.isDebugEnabled()) {
      log.debug(
          "{}: {} {} satisfied by nonGoRestful",
          name, exchange.getRequestMethod(), GoQuote.quote(path));
    }
    mux.handleRequest(exchange);
  }

  /** The WebService the director hands {@code path} to, or null for the non-go-restful mux. */
  WebService claimingWebService(String path) {
    for (WebService ws : container.webServices()) {
      String root = ws.rootPath();
      if (root.equals("/apis")) {
        if (path.equals("/apis") || path.equals("/apis/")) {
          return ws;
        }
      } else if (path.startsWith(root)
          && (path.length() == root.length() || path.charAt(root.length()) == '/')) {
        return ws;
      }
    }
    return null;
  }
}
