package io.kapi.restcontainer;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A group of {@link Route}s under one literal root path, such as all operations of
 * {@code /api/v1} or {@code /apis/apps/v1}; the unit a {@link Container} registers. Immutable.
 *
 * <pre>{@code
 * WebService coreV1 = WebService.builder("/api/v1")
 *     .documentation("API at /api/v1")
 *     .route(Route.builder("GET", "/namespaces/{namespace}/pods").to(listPods).build())
 *     .build();
 * }</pre>
 *
 * <p>The root path starts with {@code /} and has only literal, non-empty segments and no trailing
 * slash; {@code /} itself is allowed and then catches every path no longer root path claims.
 */
public final class WebService {

  private final String rootPath;
  private final int rootDepth;
  private final String documentation;
  private final ImmutableList<Route> routes;
  private final RouteTree tree;

  private WebService(Builder builder) {
    this.rootPath = builder.rootPath;
    this.rootDepth = builder.root.segments().size();
    this.documentation = builder.documentation;
    this.routes = ImmutableList.copyOf(builder.routes);
    this.tree = new RouteTree(routes);
  }

  /**
   * Starts a web service rooted at {@code rootPath}, e.g. {@code /api/v1}.
   *
   * @throws IllegalArgumentException if the root path does not start with {@code /}, ends with
   *     {@code /} (other than {@code /} itself), has an empty segment or a {@code {parameter}}
   */
  public static Builder builder(String rootPath) {
    checkNotNull(rootPath, "rootPath");
    checkArgument(rootPath.startsWith("/"), "root path %s must start with '/'", rootPath);
    PathTemplate root = PathTemplate.parse(rootPath);
    checkArgument(root.isLiteral(), "root path %s must not have parameters", rootPath);
    return new Builder(rootPath, root);
  }

  /** The root path, e.g. {@code /api/v1}. */
  public String rootPath() {
    return rootPath;
  }

  /** Free-text documentation, or empty. */
  public String documentation() {
    return documentation;
  }

  /** The routes in registration order. */
  public List<Route> routes() {
    return routes;
  }

  /** Number of segments of the root path (0 for {@code /}). */
  int rootDepth() {
    return rootDepth;
  }

  RouteTree tree() {
    return tree;
  }

  @Override
  public String toString() {
    return "WebService{" + rootPath + ", " + routes.size() + " routes}";
  }

  /** Collects the routes of a {@link WebService}. Not thread-safe. */
  public static final class Builder {
    private final String rootPath;
    private final PathTemplate root;
    private final List<Route> routes = new ArrayList<>();
    private String documentation = "";

    private Builder(String rootPath, PathTemplate root) {
      this.rootPath = rootPath;
      this.root = root;
    }

    /** Sets free-text documentation. */
    public Builder documentation(String documentation) {
      this.documentation = checkNotNull(documentation, "documentation");
      return this;
    }

    /** Adds a route; routes are kept in the order added. */
    public Builder route(Route route) {
      routes.add(checkNotNull(route, "route"));
      return this;
    }

    /**
     * Builds the web service.
     *
     * @throws IllegalArgumentException if two routes have the same method and a template of the
     *     same shape ({@code /a/{x}} and {@code /a/{y}} match the same paths, so they clash)
     */
    public WebService build() {
      Map<String, Route> seen = new HashMap<>();
      for (Route route : routes) {
        String key = route.method() + " " + route.template().shape();
        Route clash = seen.putIfAbsent(key, route);
        checkArgument(
            clash == null,
            "web service %s: route %s duplicates route %s",
            rootPath,
            route,
            clash);
      }
      return new WebService(this);
    }
  }
}
