package io.kapi.restcontainer;

/**
 * Splits a request path into segments the way go-restful does by default: leading and trailing
 * slashes are dropped (so {@code /api/v1/} is {@code /api/v1}) and inner empty segments are kept
 * (so {@code /a//b} has three segments and matches no template with literals or plain parameters
 * there).
 */
final class RequestPath {

  private static final String[] NO_SEGMENTS = new String[0];

  private RequestPath() {}

  static String[] segments(String path) {
    int start = 0;
    int end = path.length();
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    if (start == end) {
      return NO_SEGMENTS;
    }
    int count = 1;
    for (int i = start; i < end; i++) {
      if (path.charAt(i) == '/') {
        count++;
      }
    }
    String[] segments = new String[count];
    int index = 0;
    int segmentStart = start;
    for (int i = start; i < end; i++) {
      if (path.charAt(i) == '/') {
        segments[index++] = path.substring(segmentStart, i);
        segmentStart = i + 1;
      }
    }
    segments[index] = path.substring(segmentStart, end);
    return segments;
  }

  /** Joins {@code segments[from..]} with {@code /}: the value of a wildcard parameter. */
  static String join(String[] segments, int from) {
    if (from == segments.length - 1) {
      return segments[from];
    }
    StringBuilder joined = new StringBuilder();
    for (int i = from; i < segments.length; i++) {
      if (i > from) {
        joined.append('/');
      }
      joined.append(segments[i]);
    }
    return joined.toString();
  }
}
