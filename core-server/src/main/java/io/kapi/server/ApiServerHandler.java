package io.kapi.server;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.pathrecorder.PathRecorderMux;
import io.kapi.restcontainer.Container;
import io.kapi.restcontainer.WebService;
import io.undertow.server.HttpHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The handler of one API server: a go-restful style {@link Container} for REST APIs, a {@link
 * PathRecorderMux} for everything else, the director that picks one of the two, and the full
 * handler chain (filters around the director) that a server serves when it is the outermost one.
 */
public final class ApiServerHandler {
  private final String name;
  private final Container container;
  private final PathRecorderMux nonGoRestfulMux;
  private final Director director;
  private final HttpHandler fullHandlerChain;

  /**
   * Creates the handler of server {@code name}.
   *
   * @param notFoundHandler where the mux sends unknown paths (the delegate's unprotected handler),
   *     or null for the mux's default 404
   * @param chainBuilder wraps the director with the filters
   */
  public ApiServerHandler(
      String name, @Nullable HttpHandler notFoundHandler, UnaryOperator<HttpHandler> chainBuilder) {
    this.name = checkNotNull(name, "name");
    this.nonGoRestfulMux = new PathRecorderMux(name);
    if (notFoundHandler != null) {
      nonGoRestfulMux.notFoundHandler(notFoundHandler);
    }
    this.container = new Container(new StatusErrorWriter());
    this.director = new Director(name, container, nonGoRestfulMux);
    this.fullHandlerChain = checkNotNull(chainBuilder.apply(director), "chain");
  }

  public String name() {
    return name;
  }

  /** The go-restful style container of REST APIs. */
  public Container container() {
    return container;
  }

  /** The mux of everything that is not a WebService. */
  public PathRecorderMux nonGoRestfulMux() {
    return nonGoRestfulMux;
  }

  /** The director without filters: what other servers delegate to. */
  public HttpHandler director() {
    return director;
  }

  /** Filters plus director: what this server serves when it is the outermost one. */
  public HttpHandler fullHandlerChain() {
    return fullHandlerChain;
  }

  /** Every WebService root path plus the mux's listed paths, sorted. */
  public List<String> listedPaths() {
    List<String> paths = new ArrayList<>();
    for (WebService ws : container.webServices()) {
      paths.add(ws.rootPath());
    }
    paths.addAll(nonGoRestfulMux.listedPaths());
    paths.sort(null);
    return paths;
  }
}
