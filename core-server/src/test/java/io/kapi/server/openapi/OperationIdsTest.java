package io.kapi.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OperationIdsTest {

  @Test
  void coreGroupOperationsGetTheCoreV1InfixAndTag() {
    OperationIds.IdAndTags id =
        OperationIds.of(
            "readNamespacedConfigMap", "/api/v1/namespaces/{namespace}/configmaps/{name}");
    assertThat(id.operationId()).isEqualTo("readCoreV1NamespacedConfigMap");
    assertThat(id.tags()).containsExactly("core_v1");
  }

  @Test
  void theShortestVerbWinsSoDeleteCollectionSplitsAfterDelete() {
    assertThat(
            OperationIds.of(
                    "deletecollectionNamespacedConfigMap",
                    "/api/v1/namespaces/{namespace}/configmaps")
                .operationId())
        .isEqualTo("deleteCoreV1CollectionNamespacedConfigMap");
  }

  @Test
  void groupsLoseTheK8sIoSuffixAndDotsCapitalize() {
    OperationIds.IdAndTags networking =
        OperationIds.of("listNamespacedIngress", "/apis/networking.k8s.io/v1/ingresses");
    assertThat(networking.operationId()).isEqualTo("listNetworkingV1NamespacedIngress");
    assertThat(networking.tags()).containsExactly("networking_v1");

    OperationIds.IdAndTags wardle =
        OperationIds.of("createNamespacedFlunder", "/apis/wardle.example.com/v1alpha1/flunders");
    assertThat(wardle.operationId()).isEqualTo("createWardleExampleComV1alpha1NamespacedFlunder");
    assertThat(wardle.tags()).containsExactly("wardleExampleCom_v1alpha1");
  }

  @Test
  void discoveryRootsAndNonGroupPaths() {
    assertThat(OperationIds.of("getAPIVersions", "/api/"))
        .isEqualTo(new OperationIds.IdAndTags("getCoreAPIVersions", List.of("core")));
    assertThat(OperationIds.of("getAPIVersions", "/apis/"))
        .isEqualTo(new OperationIds.IdAndTags("getAPIVersions", List.of("apis")));
    assertThat(OperationIds.of("getAPIGroup", "/apis/apps/"))
        .isEqualTo(new OperationIds.IdAndTags("getAppsAPIGroup", List.of("apps")));
    assertThat(OperationIds.of("getAPIResources", "/api/v1/"))
        .isEqualTo(new OperationIds.IdAndTags("getCoreV1APIResources", List.of("core_v1")));
    assertThat(OperationIds.of("getCodeVersion", "/version/"))
        .isEqualTo(new OperationIds.IdAndTags("getCodeVersion", List.of("version")));
  }

  @Test
  void anIdThatAlreadyCarriesTheInfixIsKept() {
    assertThat(
            OperationIds.of("readCoreV1NamespacedConfigMap", "/api/v1/namespaces/{namespace}/x")
                .operationId())
        .isEqualTo("readCoreV1NamespacedConfigMap");
  }

  @Test
  void anOperationWithoutAKnownVerbKeepsItsName() {
    assertThat(OperationIds.of("frobnicate", "/api/v1/x").operationId()).isEqualTo("frobnicate");
    assertThat(OperationIds.of("", "/api/v1/x").operationId()).isEmpty();
  }

  @Test
  void toValidOperationIdDropsSeparatorsAndLeadingDigits() {
    assertThat(OperationIds.toValidOperationId("networking.k8s", true)).isEqualTo("NetworkingK8s");
    assertThat(OperationIds.toValidOperationId("9lives-x_y", false)).isEqualTo("LivesX_y");
  }
}
