package io.kapi.restcontainer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestPathTest {

  @Test
  void splitsOnSlashes() {
    assertThat(RequestPath.segments("/api/v1/namespaces")).containsExactly("api", "v1", "namespaces");
  }

  @Test
  void trailingAndLeadingSlashesAreIgnored() {
    assertThat(RequestPath.segments("/api/v1/")).containsExactly("api", "v1");
    assertThat(RequestPath.segments("//api/v1//")).containsExactly("api", "v1");
  }

  @Test
  void rootHasNoSegments() {
    assertThat(RequestPath.segments("/")).isEmpty();
    assertThat(RequestPath.segments("")).isEmpty();
    assertThat(RequestPath.segments("///")).isEmpty();
  }

  @Test
  void innerEmptySegmentsAreKept() {
    assertThat(RequestPath.segments("/a//b")).containsExactly("a", "", "b");
  }

  @Test
  void joinRebuildsTheRest() {
    String[] segments = {"proxy", "a", "b", "c"};
    assertThat(RequestPath.join(segments, 1)).isEqualTo("a/b/c");
    assertThat(RequestPath.join(segments, 3)).isEqualTo("c");
  }
}
