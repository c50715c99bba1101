package io.kapi.server.patch;

import java.util.List;

/**
 * Go's {@code sort.SliceStable}: insertion-sorted blocks of 20 merged with SymMerge. Strategic
 * merge patch orders list elements with a {@code less} that is not a strict weak order when an
 * element is missing from the reference order; reproducing Go's algorithm keeps the resulting
 * element order identical to upstream's in that case too.
 */
final class GoStableSort {
  /** {@code less(a, b)} as upstream defines it for the elements being sorted. */
  interface Less<T> {
    boolean less(T a, T b);
  }

  private GoStableSort() {}

  static <T> void sort(List<T> data, Less<? super T> less) {
    int n = data.size();
    int blockSize = 20;
    int a = 0;
    int b = blockSize;
    while (b <= n) {
      insertionSort(data, less, a, b);
      a = b;
      b += blockSize;
    }
    insertionSort(data, less, a, n);
    while (blockSize < n) {
      a = 0;
      b = 2 * blockSize;
      while (b <= n) {
        symMerge(data, less, a, a + blockSize, b);
        a = b;
        b += 2 * blockSize;
      }
      int m = a + blockSize;
      if (m < n) {
        symMerge(data, less, a, m, n);
      }
      blockSize *= 2;
    }
  }

  private static <T> boolean less(List<T> data, Less<? super T> less, int i, int j) {
    return less.less(data.get(i), data.get(j));
  }

  private static <T> void swap(List<T> data, int i, int j) {
    T t = data.get(i);
    data.set(i, data.get(j));
    data.set(j, t);
  }

  private static <T> void insertionSort(List<T> data, Less<? super T> less, int a, int b) {
    for (int i = a + 1; i < b; i++) {
      for (int j = i; j > a && less(data, less, j, j - 1); j--) {
        swap(data, j, j - 1);
      }
    }
  }

  private static <T> void symMerge(List<T> data, Less<? super T> less, int a, int m, int b) {
    if (m - a == 1) {
      // binary-search where data[a] goes in data[m:b], then rotate it there
      int i = m;
      int j = b;
      while (i < j) {
        int h = (i + j) >>> 1;
        if (less(data, less, h, a)) {
          i = h + 1;
        } else {
          j = h;
        }
      }
      for (int k = a; k < i - 1; k++) {
        swap(data, k, k + 1);
      }
      return;
    }
    if (b - m == 1) {
      // binary-search where data[m] goes in data[a:m], then rotate it there
      int i = a;
      int j = m;
      while (i < j) {
        int h = (i + j) >>> 1;
        if (!less(data, less, m, h)) {
          i = h + 1;
        } else {
          j = h;
        }
      }
      for (int k = m; k > i; k--) {
        swap(data, k, k - 1);
      }
      return;
    }
    int mid = (a + b) >>> 1;
    int n = mid + m;
    int start;
    int r;
    if (m > mid) {
      start = n - b;
      r = mid;
    } else {
      start = a;
      r = m;
    }
    int p = n - 1;
    while (start < r) {
      int c = (start + r) >>> 1;
      if (!less(data, less, p - c, c)) {
        start = c + 1;
      } else {
        r = c;
      }
    }
    int end = n - start;
    if (start < m && m < end) {
      rotate(data, start, m, end);
    }
    if (a < start && start < mid) {
      symMerge(data, less, a, start, mid);
    }
    if (mid < end && end < b) {
      symMerge(data, less, mid, end, b);
    }
  }

  /** Rotates the blocks {@code data[a:m]} and {@code data[m:b]}. */
  private static <T> void rotate(List<T> data, int a, int m, int b) {
    int i = m - a;
    int j = b - m;
    while (i != j) {
      if (i > j) {
        swapRange(data, m - i, m, j);
        i -= j;
      } else {
        swapRange(data, m - i, m + j - i, i);
        j -= i;
      }
    }
    swapRange(data, m - i, m, i);
  }

  private static <T> void swapRange(List<T> data, int a, int b, int n) {
    for (int i = 0; i < n; i++) {
      swap(data, a + i, b + i);
    }
  }
}
