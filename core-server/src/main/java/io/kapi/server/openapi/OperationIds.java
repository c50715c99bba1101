package io.kapi.server.openapi;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Upstream's operation ids and tags (kube-apiserver's {@code GetOperationIDAndTags}): a route's
 * operation such as {@code readNamespacedConfigMap} on {@code /api/v1/...} becomes {@code
 * readCoreV1NamespacedConfigMap} with tag {@code core_v1}; on {@code /apis/networking.k8s.io/v1}
 * the infix is {@code NetworkingV1} and the tag {@code networking_v1}.
 */
final class OperationIds {
  /** The verbs an operation name starts with; the shortest matching one is used, as upstream. */
  private static final List<String> VERBS =
      List.of(
          "get",
          "log",
          "read",
          "replace",
          "patch",
          "delete",
          "deletecollection",
          "watch",
          "connect",
          "proxy",
          "list",
          "create");

  private OperationIds() {}

  /** An operation id and its tags. */
  record IdAndTags(String operationId, List<String> tags) {}

  /**
   * The operation id and tags of {@code operation} on {@code path}. An operation that already
   * carries its group-version infix ({@code readCoreV1NamespacedConfigMap}) is kept as it is; one
   * that starts with no known verb keeps its name.
   */
  static IdAndTags of(String operation, String path) {
    String trimmed = trimSlashes(path);
    List<String> parts = trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    if (!parts.isEmpty() && parts.get(0).equals("api")) {
      List<String> core = new ArrayList<>(List.of("apis", "core"));
      core.addAll(parts.subList(1, parts.size()));
      parts = core;
    }
    String infix = "";
    List<String> tags = List.of();
    if (parts.size() >= 2 && parts.get(0).equals("apis")) {
      String group = parts.get(1);
      if (group.endsWith(".k8s.io")) {
        group = group.substring(0, group.length() - ".k8s.io".length());
      }
      infix = toValidOperationId(group, true);
      String tag = toValidOperationId(group, false);
      if (parts.size() > 2) {
        infix += toValidOperationId(parts.get(2), true);
        tag += "_" + toValidOperationId(parts.get(2), false);
      }
      tags = List.of(tag);
    } else if (!parts.isEmpty()) {
      tags = List.of(toValidOperationId(parts.get(0), false));
    }
    String verb = verbPrefix(operation);
    if (verb == null) {
      return new IdAndTags(operation, tags);
    }
    String rest = operation.substring(verb.length());
    if (!infix.isEmpty() && rest.startsWith(infix)) {
      return new IdAndTags(operation, tags);
    }
    return new IdAndTags(verb + infix + toValidOperationId(rest, true), tags);
  }

  private static String trimSlashes(String path) {
    int start = 0;
    int end = path.length();
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(start, end);
  }

  /** The shortest verb {@code operation} starts with, or null. */
  static @Nullable String verbPrefix(String operation) {
    String shortest = null;
    for (String verb : VERBS) {
      if (operation.startsWith(verb) && (shortest == null || verb.length() < shortest.length())) {
        shortest = verb;
      }
    }
    return shortest;
  }

  /**
   * Keeps letters, underscores and (not first) digits; every other character is dropped and
   * capitalizes the next kept one. {@code networking.k8s} with {@code capitalizeFirst} gives {@code
   * NetworkingK8s}.
   */
  static String toValidOperationId(String s, boolean capitalizeFirst) {
    StringBuilder out = new StringBuilder(s.length());
    boolean capitalize = capitalizeFirst;
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      if (Character.isLetter(c) || c == '_' || (i != 0 && Character.isDigit(c))) {
        out.appendCodePoint(capitalize ? Character.toUpperCase(c) : c);
        capitalize = false;
      } else {
        capitalize = true;
      }
      i += Character.charCount(c);
    }
    return out.toString();
  }
}
