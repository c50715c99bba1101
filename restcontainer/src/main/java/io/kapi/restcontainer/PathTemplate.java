package io.kapi.restcontainer;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.HashSet;
import java.util.Set;

/**
 * A parsed path template such as {@code /namespaces/{namespace}/pods/{name}} or
 * {@code /proxy/{path:*}}: literal segments, {@code {name}} parameters (one non-empty segment) and
 * an optional last {@code {name:*}} wildcard (one or more segments). Parsed once, when a route or
 * web service is built, so matching never parses or uses regular expressions.
 */
final class PathTemplate {

  /** What one segment of a template matches. */
  enum SegmentKind {
    LITERAL,
    PARAMETER,
    WILDCARD
  }

  /** One segment: literal text, or the name of a parameter. */
  record Segment(SegmentKind kind, String text) {}

  private final String source;
  private final ImmutableList<Segment> segments;
  private final ImmutableList<String> parameterNames;
  private final int literalCount;

  private PathTemplate(String source, ImmutableList<Segment> segments) {
    this.source = source;
    this.segments = segments;
    ImmutableList.Builder<String> names = ImmutableList.builder();
    int literals = 0;
    for (Segment segment : segments) {
      if (segment.kind() == SegmentKind.LITERAL) {
        literals++;
      } else {
        names.add(segment.text());
      }
    }
    this.parameterNames = names.build();
    this.literalCount = literals;
  }

  /**
   * Parses {@code template}: empty or {@code /} for the root, otherwise {@code /}-separated
   * non-empty segments after a leading {@code /}, without a trailing {@code /}.
   *
   * @throws IllegalArgumentException if the template is malformed
   */
  static PathTemplate parse(String template) {
    if (template.isEmpty() || template.equals("/")) {
      return new PathTemplate(template, ImmutableList.of());
    }
    checkArgument(template.startsWith("/"), "path template %s must start with '/'", template);
    checkArgument(
        !template.endsWith("/"), "path template %s must not end with '/'", template);
    ImmutableList.Builder<Segment> segments = ImmutableList.builder();
    Set<String> names = new HashSet<>();
    String[] parts = template.substring(1).split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      checkArgument(!part.isEmpty(), "path template %s has an empty segment", template);
      Segment segment = parseSegment(template, part);
      if (segment.kind() != SegmentKind.LITERAL) {
        checkArgument(
            names.add(segment.text()),
            "path template %s declares parameter %s twice",
            template,
            segment.text());
      }
      checkArgument(
          segment.kind() != SegmentKind.WILDCARD || i == parts.length - 1,
          "path template %s has wildcard {%s:*} before its last segment",
          template,
          segment.text());
      segments.add(segment);
    }
    return new PathTemplate(template, segments.build());
  }

  private static Segment parseSegment(String template, String part) {
    boolean opens = part.startsWith("{");
    boolean closes = part.endsWith("}");
    if (!opens && !closes && part.indexOf('{') < 0 && part.indexOf('}') < 0) {
      return new Segment(SegmentKind.LITERAL, part);
    }
    checkArgument(
        opens && closes && part.indexOf('{', 1) < 0 && part.indexOf('}') == part.length() - 1,
        "path template %s: segment %s must be a literal, {name} or {name:*}",
        template,
        part);
    String inner = part.substring(1, part.length() - 1);
    int colon = inner.indexOf(':');
    String name = colon < 0 ? inner : inner.substring(0, colon);
    checkArgument(
        isParameterName(name), "path template %s: bad parameter name in %s", template, part);
    if (colon < 0) {
      return new Segment(SegmentKind.PARAMETER, name);
    }
    checkArgument(
        inner.substring(colon + 1).equals("*"),
        "path template %s: only {name} and {name:*} are supported, not %s",
        template,
        part);
    return new Segment(SegmentKind.WILDCARD, name);
  }

  private static boolean isParameterName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || c == '.';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The template as written. */
  String source() {
    return source;
  }

  ImmutableList<Segment> segments() {
    return segments;
  }

  /** Parameter names (including a wildcard's) in template order. */
  ImmutableList<String> parameterNames() {
    return parameterNames;
  }

  int literalCount() {
    return literalCount;
  }

  /** Number of parameters, a wildcard included. */
  int parameterCount() {
    return parameterNames.size();
  }

  boolean isLiteral() {
    return parameterNames.isEmpty();
  }

  /**
   * The template with parameter names erased ({@code /a/{}/{*}}): two templates with the same
   * shape match exactly the same paths.
   */
  String shape() {
    if (segments.isEmpty()) {
      return "/";
    }
    StringBuilder shape = new StringBuilder();
    for (Segment segment : segments) {
      shape.append('/');
      switch (segment.kind()) {
        case LITERAL -> shape.append(segment.text());
        case PARAMETER -> shape.append("{}");
        case WILDCARD -> shape.append("{*}");
      }
    }
    return shape.toString();
  }

  @Override
  public String toString() {
    return source;
  }
}
