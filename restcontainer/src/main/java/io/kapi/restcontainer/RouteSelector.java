package io.kapi.restcontainer;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Picks the route for a request, step by step as go-restful's CurlyRouter does: web service by
 * longest root path, routes by path (404), by method (405), by {@code Content-Type} (415), by
 * {@code Accept} (406); the most specific survivor wins.
 *
 * <p>The {@code Content-Type} step runs for POST, PUT and PATCH and for any request that carries a
 * body. A missing {@code Content-Type} passes for GET, HEAD, OPTIONS, DELETE and TRACE and is taken
 * as {@code application/octet-stream} otherwise.
 */
final class RouteSelector {

  private static final ImmutableSet<String> BODY_METHODS = ImmutableSet.of("POST", "PUT", "PATCH");
  private static final ImmutableSet<String> METHODS_WITHOUT_CONTENT_TYPE =
      ImmutableSet.of("GET", "HEAD", "OPTIONS", "DELETE", "TRACE");

  /** The outcome of route selection. */
  sealed interface Selection permits Match, Rejection {}

  /** A route was found; {@code segments} is the split request path. */
  record Match(WebService webService, Route route, String[] segments) implements Selection {}

  /** No route fits; {@code allowedMethods} is non-empty only for a 405. */
  record Rejection(RouteError error, List<String> allowedMethods) implements Selection {}

  private RouteSelector() {}

  static Selection select(
      WebServiceTable table,
      String method,
      String path,
      @Nullable String contentType,
      @Nullable String accept,
      boolean hasBody) {
    String[] segments = RequestPath.segments(path);
    WebService webService = table.find(segments);
    if (webService == null) {
      return reject(RouteError.Kind.NOT_FOUND, ImmutableList.of());
    }
    List<RouteTree.Entry> byPath = webService.tree().match(segments, webService.rootDepth());
    if (byPath.isEmpty()) {
      return reject(RouteError.Kind.NOT_FOUND, ImmutableList.of());
    }

    List<RouteTree.Entry> byMethod = new ArrayList<>(byPath.size());
    for (RouteTree.Entry entry : byPath) {
      if (entry.route().method().equals(method)) {
        byMethod.add(entry);
      }
    }
    if (byMethod.isEmpty()) {
      Set<String> allowed = new LinkedHashSet<>();
      for (RouteTree.Entry entry : byPath) {
        allowed.add(entry.route().method());
      }
      return new Rejection(
          RouteError.of(RouteError.Kind.METHOD_NOT_ALLOWED, ImmutableList.of()),
          ImmutableList.copyOf(allowed));
    }

    List<RouteTree.Entry> byContentType = byMethod;
    if (hasBody || BODY_METHODS.contains(method)) {
      byContentType = filterByContentType(byMethod, method, contentType);
      if (byContentType.isEmpty()) {
        return reject(
            RouteError.Kind.UNSUPPORTED_MEDIA_TYPE, mediaTypes(byMethod, Route::consumes));
      }
    }

    AcceptHeader acceptHeader = AcceptHeader.parse(accept);
    for (RouteTree.Entry entry : byContentType) {
      if (acceptHeader.allowsAny(entry.route().producedRanges())) {
        return new Match(webService, entry.route(), segments);
      }
    }
    return reject(RouteError.Kind.NOT_ACCEPTABLE, mediaTypes(byContentType, Route::produces));
  }

  private static List<RouteTree.Entry> filterByContentType(
      List<RouteTree.Entry> routes, String method, @Nullable String contentType) {
    MediaRange requestType;
    if (contentType == null || contentType.isBlank()) {
      if (METHODS_WITHOUT_CONTENT_TYPE.contains(method)) {
        return routes;
      }
      requestType = MediaRange.OCTET_STREAM;
    } else {
      requestType = MediaRange.parse(contentType);
    }
    List<RouteTree.Entry> accepted = new ArrayList<>(routes.size());
    for (RouteTree.Entry entry : routes) {
      if (consumes(entry.route(), requestType)) {
        accepted.add(entry);
      }
    }
    return accepted;
  }

  /** Whether {@code route} consumes {@code requestType}; null is an unreadable Content-Type. */
  private static boolean consumes(Route route, @Nullable MediaRange requestType) {
    List<MediaRange> consumed = route.consumedRanges();
    if (consumed.isEmpty()) {
      return true;
    }
    for (MediaRange range : consumed) {
      if (range.equals(MediaRange.ANY) || (requestType != null && range.overlaps(requestType))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> mediaTypes(
      List<RouteTree.Entry> routes, Function<Route, List<String>> types) {
    Set<String> all = new LinkedHashSet<>();
    for (RouteTree.Entry entry : routes) {
      all.addAll(types.apply(entry.route()));
    }
    return ImmutableList.copyOf(all);
  }

  private static Rejection reject(RouteError.Kind kind, List<String> supportedMediaTypes) {
    return new Rejection(RouteError.of(kind, supportedMediaTypes), ImmutableList.of());
  }
}
