package io.kapi.server.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ObjectTreeTest {
  private final SplittableRandom random = new SplittableRandom(42);

  @Test
  void updatesLeaveOlderTreesUntouched() {
    ObjectTree<String> v1 =
        ObjectTree.<String>empty().put("b", "b1", random).put("a", "a1", random);
    ObjectTree<String> v2 = v1.put("a", "a2", random).remove("b").put("c", "c1", random);

    assertThat(entries(v1, "")).containsExactly("a=a1", "b=b1");
    assertThat(entries(v2, "")).containsExactly("a=a2", "c=c1");
    assertThat(v1.size()).isEqualTo(2);
    assertThat(v2.get("b")).isNull();
    assertThat(v1.get("b")).isEqualTo("b1");
  }

  @Test
  void behavesLikeASortedMapUnderRandomOperations() {
    TreeMap<String, Integer> expected = new TreeMap<>();
    ObjectTree<Integer> tree = ObjectTree.empty();
    for (int i = 0; i < 20_000; i++) {
      String key = "k" + random.nextInt(3_000);
      if (random.nextInt(3) == 0) {
        expected.remove(key);
        tree = tree.remove(key);
      } else {
        expected.put(key, i);
        tree = tree.put(key, i, random);
      }
    }

    assertThat(tree.size()).isEqualTo(expected.size());
    List<String> want = new ArrayList<>();
    expected.forEach((k, v) -> want.add(k + "=" + v));
    assertThat(entries(tree, "")).containsExactlyElementsOf(want);
    assertThat(tree.countBelow("k2")).isEqualTo(expected.headMap("k2").size());
    assertThat(tree.height()).isLessThan(60);
  }

  @Test
  void cursorStartsAtTheFirstKeyNotBelowTheStart() {
    ObjectTree<String> tree = ObjectTree.ofSorted(List.of("a", "c", "e"), List.of("1", "2", "3"));

    assertThat(entries(tree, "b")).containsExactly("c=2", "e=3");
    assertThat(entries(tree, "c")).containsExactly("c=2", "e=3");
    assertThat(entries(tree, "f")).isEmpty();
  }

  @Test
  void countsTheKeysOfAPrefixFromAKey() {
    List<String> keys = List.of("/p/a", "/p/b", "/p/c", "/px/a", "/q");
    ObjectTree<String> tree = ObjectTree.ofSorted(keys, keys);

    assertThat(tree.countFrom("/p/", "/p/")).isEqualTo(3);
    assertThat(tree.countFrom("/p/b", "/p/")).isEqualTo(2);
    assertThat(tree.countFrom("/p/c\0", "/p/")).isZero();
    assertThat(tree.countFrom("", "")).isEqualTo(5);
  }

  @Test
  void aSortedBuildIsBalancedAndStaysSoUnderInserts() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      keys.add("/registry/pods/ns/" + (100_000 + i));
    }
    ObjectTree<String> tree = ObjectTree.ofSorted(keys, keys);
    assertThat(tree.height()).isLessThanOrEqualTo(17);

    for (int i = 0; i < 10_000; i++) {
      String k = "/registry/pods/ns/" + (100_000 + random.nextInt(100_000)) + "-x";
      tree = tree.put(k, k, random);
    }
    assertThat(tree.height()).isLessThan(60);
  }

  @Test
  void aSortedBuildRejectsUnsortedKeys() {
    assertThatThrownBy(() -> ObjectTree.ofSorted(List.of("b", "a"), List.of("1", "2")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static <V> List<String> entries(ObjectTree<V> tree, String from) {
    List<String> out = new ArrayList<>();
    ObjectTree.Cursor<V> c = tree.cursorFrom(from);
    while (c.next()) {
      out.add(c.key() + "=" + c.value());
    }
    return out;
  }
}
