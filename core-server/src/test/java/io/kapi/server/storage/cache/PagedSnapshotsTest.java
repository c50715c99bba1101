package io.kapi.server.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PagedSnapshotsTest {
  private final WatchCacheTest.FakeTicker ticker = new WatchCacheTest.FakeTicker();

  private static ObjectTree<String> tree(String value) {
    return ObjectTree.ofSorted(List.of("k"), List.of(value));
  }

  @Test
  void keepsAStateUntilItsTimeToLiveAfterItsLastPage() {
    PagedSnapshots<String> paged = new PagedSnapshots<>(4, TimeUnit.SECONDS.toNanos(30), ticker);
    paged.keep(7, tree("at 7"));

    ticker.advance(Duration.ofSeconds(20));
    assertThat(paged.get(7).get("k")).isEqualTo("at 7");
    ticker.advance(Duration.ofSeconds(20)); // 40 s after keeping, 20 s after the last page
    assertThat(paged.get(7)).isNotNull();
    ticker.advance(Duration.ofSeconds(30));
    assertThat(paged.get(7)).isNull();
    assertThat(paged.size()).isZero();
  }

  @Test
  void onlyTheExactRevisionMatches() {
    PagedSnapshots<String> paged = new PagedSnapshots<>(4, TimeUnit.SECONDS.toNanos(30), ticker);
    paged.keep(7, tree("at 7"));

    assertThat(paged.get(6)).isNull();
    assertThat(paged.get(8)).isNull();
  }

  @Test
  void beyondCapacityTheLeastRecentlyPagedStateGoes() {
    PagedSnapshots<String> paged = new PagedSnapshots<>(2, TimeUnit.SECONDS.toNanos(30), ticker);
    paged.keep(1, tree("at 1"));
    paged.keep(2, tree("at 2"));
    assertThat(paged.get(1)).isNotNull(); // 2 is now the least recently paged

    paged.keep(3, tree("at 3"));

    assertThat(paged.get(2)).isNull();
    assertThat(paged.get(1)).isNotNull();
    assertThat(paged.get(3)).isNotNull();
    assertThat(paged.size()).isEqualTo(2);
  }

  @Test
  void capacityZeroKeepsNothing() {
    PagedSnapshots<String> paged = new PagedSnapshots<>(0, TimeUnit.SECONDS.toNanos(30), ticker);
    paged.keep(1, tree("at 1"));

    assertThat(paged.get(1)).isNull();
  }
}
