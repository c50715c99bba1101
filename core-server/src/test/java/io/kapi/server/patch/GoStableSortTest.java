package io.kapi.server.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GoStableSortTest {
  private record Item(int key, int seq) {}

  @Test
  void sortsStablyLikeAnyStableSortForAConsistentOrder() {
    Random random = new Random(42);
    for (int size : new int[] {0, 1, 5, 19, 20, 21, 39, 40, 41, 100, 1000}) {
      List<Item> items = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        items.add(new Item(random.nextInt(10), i));
      }
      List<Item> expected = new ArrayList<>(items);
      expected.sort(Comparator.comparingInt(Item::key)); // List.sort is stable
      GoStableSort.sort(items, (a, b) -> a.key() < b.key());
      assertThat(items).as("size %s", size).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void anElementThatIsAlwaysLessMovesToTheFrontOfItsBlock() {
    // upstream's less answers true for elements missing from the reference order; insertion sort
    // then carries such an element in front of the ones before it
    List<Integer> items = new ArrayList<>(List.of(1, 2, -1, 3));
    GoStableSort.sort(items, (a, b) -> a < 0 || b < 0 || a < b);
    assertThat(items).containsExactly(-1, 1, 2, 3);
  }
}
