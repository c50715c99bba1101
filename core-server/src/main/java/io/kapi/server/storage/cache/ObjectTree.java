package io.kapi.server.storage.cache;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A persistent (immutable, path-copying) sorted map from keys to values: a treap whose nodes also
 * count their subtree. Every update returns a new tree sharing all untouched nodes with the old one
 * (O(log n) new nodes), so a reader holding a tree sees a consistent snapshot forever without any
 * lock, and counting the keys in a range costs O(log n).
 *
 * <p>Updates are not thread-safe with respect to each other (one writer, the watch cache's
 * dispatcher); reads are.
 */
final class ObjectTree<V> {
  private static final ObjectTree<?> EMPTY = new ObjectTree<>(null);

  private final @Nullable Node<V> root;

  private ObjectTree(@Nullable Node<V> root) {
    this.root = root;
  }

  @SuppressWarnings("unchecked")
  static <V> ObjectTree<V> empty() {
    return (ObjectTree<V>) EMPTY;
  }

  /**
   * A balanced tree from entries already in strictly ascending key order, in O(n). Priorities
   * decrease with depth, so later random-priority inserts settle below and the shape stays
   * balanced.
   */
  static <V> ObjectTree<V> ofSorted(List<String> keys, List<V> values) {
    if (keys.size() != values.size()) {
      throw new IllegalArgumentException("keys and values differ in size");
    }
    for (int i = 1; i < keys.size(); i++) {
      if (keys.get(i - 1).compareTo(keys.get(i)) >= 0) {
        throw new IllegalArgumentException("keys not strictly ascending at " + keys.get(i));
      }
    }
    return new ObjectTree<>(build(keys, values, 0, keys.size(), 0));
  }

  private static <V> @Nullable Node<V> build(
      List<String> keys, List<V> values, int from, int to, int depth) {
    if (from >= to) {
      return null;
    }
    int mid = (from + to) >>> 1;
    return new Node<>(
        keys.get(mid),
        values.get(mid),
        Integer.MAX_VALUE - depth,
        build(keys, values, from, mid, depth + 1),
        build(keys, values, mid + 1, to, depth + 1));
  }

  int size() {
    return size(root);
  }

  @Nullable V get(String key) {
    Node<V> n = root;
    while (n != null) {
      int c = key.compareTo(n.key);
      if (c == 0) {
        return n.value;
      }
      n = c < 0 ? n.left : n.right;
    }
    return null;
  }

  /**
   * A tree with {@code key} mapped to {@code value}; {@code random} draws new nodes' priorities.
   */
  ObjectTree<V> put(String key, V value, SplittableRandom random) {
    return new ObjectTree<>(put(root, key, value, random));
  }

  /** A tree without {@code key} (this tree if it has no such key). */
  ObjectTree<V> remove(String key) {
    if (get(key) == null) {
      return this;
    }
    return new ObjectTree<>(remove(root, key));
  }

  /** How many keys are {@code < key}. */
  int countBelow(String key) {
    int count = 0;
    Node<V> n = root;
    while (n != null) {
      if (key.compareTo(n.key) <= 0) {
        n = n.left;
      } else {
        count += size(n.left) + 1;
        n = n.right;
      }
    }
    return count;
  }

  /** How many keys are {@code >= from} and start with {@code prefix}. */
  int countFrom(String from, String prefix) {
    int end = prefix.isEmpty() ? size() : countBelowPrefixEnd(prefix);
    return Math.max(0, end - countBelow(from));
  }

  /** How many keys are below {@code prefix} or start with it (a prefix's keys are contiguous). */
  private int countBelowPrefixEnd(String prefix) {
    int count = 0;
    Node<V> n = root;
    while (n != null) {
      boolean below = n.key.startsWith(prefix) || n.key.compareTo(prefix) < 0;
      if (below) {
        count += size(n.left) + 1;
        n = n.right;
      } else {
        n = n.left;
      }
    }
    return count;
  }

  /** Iterates entries in key order starting at the first key {@code >= from}. */
  Cursor<V> cursorFrom(String from) {
    return new Cursor<>(root, from);
  }

  // ---------------------------------------------------------------- node operations

  private static <V> Node<V> put(
      @Nullable Node<V> n, String key, V value, SplittableRandom random) {
    if (n == null) {
      return new Node<>(key, value, random.nextInt(Integer.MAX_VALUE - 64), null, null);
    }
    int c = key.compareTo(n.key);
    if (c == 0) {
      return new Node<>(n.key, value, n.priority, n.left, n.right);
    }
    if (c < 0) {
      Node<V> left = put(n.left, key, value, random);
      if (left.priority > n.priority) { // rotate right
        return new Node<>(
            left.key,
            left.value,
            left.priority,
            left.left,
            new Node<>(n.key, n.value, n.priority, left.right, n.right));
      }
      return new Node<>(n.key, n.value, n.priority, left, n.right);
    }
    Node<V> right = put(n.right, key, value, random);
    if (right.priority > n.priority) { // rotate left
      return new Node<>(
          right.key,
          right.value,
          right.priority,
          new Node<>(n.key, n.value, n.priority, n.left, right.left),
          right.right);
    }
    return new Node<>(n.key, n.value, n.priority, n.left, right);
  }

  private static <V> @Nullable Node<V> remove(@Nullable Node<V> n, String key) {
    if (n == null) {
      return null;
    }
    int c = key.compareTo(n.key);
    if (c == 0) {
      return merge(n.left, n.right);
    }
    if (c < 0) {
      return new Node<>(n.key, n.value, n.priority, remove(n.left, key), n.right);
    }
    return new Node<>(n.key, n.value, n.priority, n.left, remove(n.right, key));
  }

  /** Joins two trees where every key of {@code a} is below every key of {@code b}. */
  private static <V> @Nullable Node<V> merge(@Nullable Node<V> a, @Nullable Node<V> b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.priority > b.priority) {
      return new Node<>(a.key, a.value, a.priority, a.left, merge(a.right, b));
    }
    return new Node<>(b.key, b.value, b.priority, merge(a, b.left), b.right);
  }

  private static int size(@Nullable Node<?> n) {
    return n == null ? 0 : n.size;
  }

  /** Height of the tree; for tests of balance. */
  int height() {
    return height(root);
  }

  private static int height(@Nullable Node<?> n) {
    return n == null ? 0 : 1 + Math.max(height(n.left), height(n.right));
  }

  private static final class Node<V> {
    final String key;
    final V value;
    final int priority;
    final @Nullable Node<V> left;
    final @Nullable Node<V> right;
    final int size;

    Node(String key, V value, int priority, @Nullable Node<V> left, @Nullable Node<V> right) {
      this.key = key;
      this.value = value;
      this.priority = priority;
      this.left = left;
      this.right = right;
      this.size = 1 + size(left) + size(right);
    }
  }

  /** An in-order iterator with an explicit stack; reads a fixed snapshot, so needs no locking. */
  static final class Cursor<V> {
    @SuppressWarnings("unchecked")
    private Node<V>[] stack = (Node<V>[]) new Node<?>[32];

    private int depth;
    private @Nullable Node<V> current;

    Cursor(@Nullable Node<V> root, String from) {
      Node<V> n = root;
      while (n != null) {
        if (from.compareTo(n.key) <= 0) {
          push(n);
          n = n.left;
        } else {
          n = n.right;
        }
      }
    }

    private void push(Node<V> n) {
      if (depth == stack.length) {
        stack = Arrays.copyOf(stack, depth * 2);
      }
      stack[depth++] = n;
    }

    /** Moves to the next entry; false at the end. */
    boolean next() {
      if (depth == 0) {
        current = null;
        return false;
      }
      Node<V> n = stack[--depth];
      stack[depth] = null;
      current = n;
      for (Node<V> m = n.right; m != null; m = m.left) {
        push(m);
      }
      return true;
    }

    String key() {
      return node().key;
    }

    V value() {
      return node().value;
    }

    private Node<V> node() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }
  }
}
