package io.kapi.restcontainer;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One operation of a {@link WebService}: an HTTP method and a path template relative to the web
 * service's root, the media types it consumes and produces, its handler, and documentation for
 * OpenAPI. Immutable.
 *
 * <pre>{@code
 * Route get = Route.builder("GET", "/namespaces/{namespace}/configmaps/{name}")
 *     .to(request -> serve(request.pathParameter("namespace"), request.pathParameter("name")))
 *     .produces("application/json", "application/yaml")
 *     .operationId("readCoreV1NamespacedConfigMap")
 *     .param(Parameter.path("namespace", "object name and auth scope"))
 *     .param(Parameter.path("name", "name of the ConfigMap"))
 *     .build();
 * }</pre>
 *
 * <p>Templates: {@code ""} or {@code "/"} is the root itself; {@code {name}} matches one non-empty
 * segment; a last segment {@code {name:*}} matches the rest of the path (one or more segments).
 * An empty {@code consumes} list accepts any {@code Content-Type}, as does {@code *}/{@code *}
 * in it; an empty {@code produces} list satisfies any {@code Accept} header.
 */
public final class Route {

  private final String method;
  private final PathTemplate template;
  private final ImmutableList<String> consumes;
  private final ImmutableList<String> produces;
  private final ImmutableList<MediaRange> consumedRanges;
  private final ImmutableList<MediaRange> producedRanges;
  private final String operationId;
  private final String documentation;
  private final ImmutableList<Parameter> parameters;
  private final RouteHandler handler;
  private final @Nullable Object readType;
  private final @Nullable Object writeType;

  private Route(Builder builder, RouteHandler handler) {
    this.method = builder.method;
    this.template = builder.template;
    this.consumes = ImmutableList.copyOf(builder.consumes);
    this.produces = ImmutableList.copyOf(builder.produces);
    this.consumedRanges = ranges(consumes);
    this.producedRanges = ranges(produces);
    this.operationId = builder.operationId;
    this.documentation = builder.documentation;
    this.parameters = ImmutableList.copyOf(builder.parameters);
    this.handler = handler;
    this.readType = builder.readType;
    this.writeType = builder.writeType;
  }

  private static ImmutableList<MediaRange> ranges(List<String> mediaTypes) {
    ImmutableList.Builder<MediaRange> ranges = ImmutableList.builder();
    for (String mediaType : mediaTypes) {
      ranges.add(checkNotNull(MediaRange.parse(mediaType)));
    }
    return ranges.build();
  }

  /**
   * Starts a route for {@code method} (e.g. {@code GET}) on {@code pathTemplate}, relative to the
   * web service root.
   *
   * @throws IllegalArgumentException if the method is not an HTTP token or the template is
   *     malformed (see the class documentation)
   */
  public static Builder builder(String method, String pathTemplate) {
    checkNotNull(method, "method");
    checkNotNull(pathTemplate, "pathTemplate");
    checkArgument(isToken(method), "HTTP method %s is not a token", method);
    return new Builder(method, PathTemplate.parse(pathTemplate));
  }

  private static boolean isToken(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The HTTP method, compared case-sensitively with the request's. */
  public String method() {
    return method;
  }

  /** The path template as given to {@link #builder}. */
  public String pathTemplate() {
    return template.source();
  }

  /** The media types this route accepts as request bodies, as given. */
  public List<String> consumes() {
    return consumes;
  }

  /** The media types this route can answer with, as given. */
  public List<String> produces() {
    return produces;
  }

  /** The OpenAPI operation id, or empty. */
  public String operationId() {
    return operationId;
  }

  /** Free-text documentation, or empty. */
  public String documentation() {
    return documentation;
  }

  /** The documented parameters, in the order they were added. */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** The code that serves the route. */
  public RouteHandler handler() {
    return handler;
  }

  /** An opaque description of the request body (used for OpenAPI), or null. */
  public @Nullable Object readType() {
    return readType;
  }

  /** An opaque description of the response body (used for OpenAPI), or null. */
  public @Nullable Object writeType() {
    return writeType;
  }

  PathTemplate template() {
    return template;
  }

  ImmutableList<MediaRange> consumedRanges() {
    return consumedRanges;
  }

  ImmutableList<MediaRange> producedRanges() {
    return producedRanges;
  }

  /** Returns e.g. {@code GET /namespaces/{namespace}/pods}. */
  @Override
  public String toString() {
    return method + " " + (template.source().isEmpty() ? "/" : template.source());
  }

  /** Collects the parts of a {@link Route}; {@link #to} is required. Not thread-safe. */
  public static final class Builder {
    private final String method;
    private final PathTemplate template;
    private final List<String> consumes = new ArrayList<>();
    private final List<String> produces = new ArrayList<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private @Nullable RouteHandler handler;
    private String operationId = "";
    private String documentation = "";
    private @Nullable Object readType;
    private @Nullable Object writeType;

    private Builder(String method, PathTemplate template) {
      this.method = method;
      this.template = template;
    }

    /** Sets the handler that serves the route. */
    public Builder to(RouteHandler handler) {
      this.handler = checkNotNull(handler, "handler");
      return this;
    }

    /**
     * Adds media types this route accepts as request bodies, e.g. {@code application/json} or
     * {@code *}/{@code *}; parameters after {@code ;} are ignored when matching.
     *
     * @throws IllegalArgumentException if one is not {@code type/subtype}
     */
    public Builder consumes(String... mediaTypes) {
      addMediaTypes(consumes, mediaTypes);
      return this;
    }

    /**
     * Adds media types this route can answer with, e.g. {@code application/json} or
     * {@code application/json;stream=watch}; parameters are ignored when matching.
     *
     * @throws IllegalArgumentException if one is not {@code type/subtype}
     */
    public Builder produces(String... mediaTypes) {
      addMediaTypes(produces, mediaTypes);
      return this;
    }

    private void addMediaTypes(List<String> target, String... mediaTypes) {
      checkNotNull(mediaTypes, "mediaTypes");
      for (String mediaType : mediaTypes) {
        checkNotNull(mediaType, "mediaType");
        checkArgument(
            MediaRange.parse(mediaType) != null,
            "route %s %s: %s is not a media type",
            method,
            template,
            mediaType);
        target.add(mediaType);
      }
    }

    /** Sets the OpenAPI operation id. */
    public Builder operationId(String operationId) {
      this.operationId = checkNotNull(operationId, "operationId");
      return this;
    }

    /** Sets free-text documentation. */
    public Builder doc(String documentation) {
      this.documentation = checkNotNull(documentation, "documentation");
      return this;
    }

    /**
     * Documents a parameter.
     *
     * @throws IllegalArgumentException if a parameter of the same name and kind was added, or a
     *     {@link Parameter.Kind#PATH} parameter is not in the path template
     */
    public Builder param(Parameter parameter) {
      checkNotNull(parameter, "parameter");
      for (Parameter existing : parameters) {
        checkArgument(
            !(existing.name().equals(parameter.name()) && existing.kind() == parameter.kind()),
            "route %s %s: %s parameter %s documented twice",
            method,
            template,
            parameter.kind(),
            parameter.name());
      }
      checkArgument(
          parameter.kind() != Parameter.Kind.PATH
              || template.parameterNames().contains(parameter.name()),
          "route %s %s: path parameter %s is not in the template",
          method,
          template,
          parameter.name());
      parameters.add(parameter);
      return this;
    }

    /** Sets the opaque description of the request body. */
    public Builder reads(Object readType) {
      this.readType = checkNotNull(readType, "readType");
      return this;
    }

    /** Sets the opaque description of the response body. */
    public Builder writes(Object writeType) {
      this.writeType = checkNotNull(writeType, "writeType");
      return this;
    }

    /**
     * Builds the route.
     *
     * @throws IllegalStateException if no handler was set with {@link #to}
     */
    public Route build() {
      RouteHandler routeHandler = handler;
      checkState(
          routeHandler != null, "route %s %s has no handler; call to(...)", method, template);
      return new Route(this, routeHandler);
    }
  }
}
