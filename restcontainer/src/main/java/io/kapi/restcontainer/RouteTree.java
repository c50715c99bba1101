package io.kapi.restcontainer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The routes of one web service as a tree of template segments, so that finding every route whose
 * template matches a path costs a few hash look-ups per segment instead of a scan of all routes.
 * Built once and never modified afterwards; safe to share between threads.
 */
final class RouteTree {

  /**
   * go-restful's CurlyRouter order: more literal segments first, then more parameters (a template
   * that names every segment is more specific than one whose wildcard swallows them), then
   * registration order.
   */
  static final Comparator<Entry> SPECIFICITY =
      Comparator.<Entry>comparingInt(entry -> -entry.route().template().literalCount())
          .thenComparingInt(entry -> -entry.route().template().parameterCount())
          .thenComparingInt(Entry::order);

  /** A route and its position in the web service. */
  record Entry(Route route, int order) {}

  private static final class Node {
    private final Map<String, Node> literals = new HashMap<>();
    private @Nullable Node parameter;
    private final List<Entry> ending = new ArrayList<>();
    private final List<Entry> wildcards = new ArrayList<>();
  }

  private final Node root = new Node();

  RouteTree(List<Route> routes) {
    for (int order = 0; order < routes.size(); order++) {
      Route route = routes.get(order);
      Node node = root;
      Entry entry = new Entry(route, order);
      boolean placed = false;
      for (PathTemplate.Segment segment : route.template().segments()) {
        switch (segment.kind()) {
          case LITERAL -> node = node.literals.computeIfAbsent(segment.text(), text -> new Node());
          case PARAMETER -> {
            if (node.parameter == null) {
              node.parameter = new Node();
            }
            node = node.parameter;
          }
          case WILDCARD -> {
            node.wildcards.add(entry);
            placed = true;
          }
        }
      }
      if (!placed) {
        node.ending.add(entry);
      }
    }
  }

  /**
   * Returns the routes whose template matches {@code segments[from..]}, most specific first (see
   * {@link #SPECIFICITY}).
   */
  List<Entry> match(String[] segments, int from) {
    List<Entry> matches = new ArrayList<>(4);
    collect(root, segments, from, matches);
    if (matches.size() > 1) {
      matches.sort(SPECIFICITY);
    }
    return matches;
  }

  private static void collect(Node node, String[] segments, int index, List<Entry> matches) {
    if (index == segments.length) {
      matches.addAll(node.ending);
      return;
    }
    matches.addAll(node.wildcards);
    String segment = segments[index];
    Node literal = node.literals.get(segment);
    if (literal != null) {
      collect(literal, segments, index + 1, matches);
    }
    if (node.parameter != null && !segment.isEmpty()) {
      collect(node.parameter, segments, index + 1, matches);
    }
  }
}
