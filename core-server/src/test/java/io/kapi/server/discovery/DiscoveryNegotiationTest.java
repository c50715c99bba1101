package io.kapi.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiscoveryNegotiationTest {
  /** What kubectl 1.33 sends to {@code /api} and {@code /apis}. */
  static final String KUBECTL_ACCEPT =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
          + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
          + "application/json";

  private static Optional<DiscoveryNegotiation.Choice> negotiate(String accept) {
    return DiscoveryNegotiation.negotiate(accept);
  }

  @Test
  void kubectlGetsV2Json() {
    assertThat(negotiate(KUBECTL_ACCEPT))
        .hasValue(new DiscoveryNegotiation.Choice("application/json", "v2", false));
    assertThat(negotiate(KUBECTL_ACCEPT).orElseThrow().contentType())
        .isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
  }

  @Test
  void plainClausesNeverSelectTheAggregatedDocument() {
    assertThat(negotiate("application/json")).isEmpty();
    assertThat(negotiate("application/json, */*")).isEmpty();
    assertThat(negotiate("")).isEmpty();
    assertThat(negotiate(null)).isEmpty();
    assertThat(negotiate("application/json;as=Table;v=v1;g=meta.k8s.io")).isEmpty();
    assertThat(negotiate("application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList"))
        .isEmpty();
  }

  @Test
  void anAggregatedClauseAnywhereInTheHeaderCounts() {
    assertThat(
            negotiate(
                "application/json,"
                    + " application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"))
        .isPresent();
    assertThat(negotiate("*/*;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"))
        .hasValue(new DiscoveryNegotiation.Choice("application/json", "v2", false));
  }

  @Test
  void higherQualityWins() {
    assertThat(
            negotiate(
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0.5,"
                    + "application/yaml;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"))
        .hasValue(new DiscoveryNegotiation.Choice("application/yaml", "v2beta1", false));
  }

  @Test
  void unservableParametersRejectTheClause() {
    assertThat(
            negotiate(
                "application/yaml;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;stream=watch"))
        .isEmpty();
    assertThat(
            negotiate("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;sv=v1"))
        .isEmpty();
    assertThat(
            negotiate(
                "application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"))
        .isEmpty();
    assertThat(
            negotiate(
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;profile=nopeer;pretty=1"))
        .hasValue(new DiscoveryNegotiation.Choice("application/json", "v2", true));
  }
}
