package io.kapi.server.core.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.ApiGroupInfo;
import io.kapi.server.registry.NameValidation;
import io.kapi.server.registry.ResourceDefinition;
import io.kapi.server.registry.TableColumn;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CoreV1Test {
  private final ApiGroupInfo core = CoreV1.apiGroupInfo();
  private final Map<String, ResourceDefinition> resources =
      core.resources("v1").stream()
          .collect(Collectors.toMap(ResourceDefinition::plural, Function.identity()));

  @Test
  void isTheLegacyCoreGroupWithOnlyV1() {
    assertThat(core.isCore()).isTrue();
    assertThat(core.versions()).containsExactly("v1");
    assertThat(resources.keySet())
        .containsExactlyInAnyOrder(
            "configmaps", "events", "namespaces", "pods", "secrets", "serviceaccounts", "services");
  }

  @Test
  void namesAndKindsAreUpstreams() {
    assertThat(resources.get("pods").kind()).isEqualTo("Pod");
    assertThat(resources.get("pods").singular()).isEqualTo("pod");
    assertThat(resources.get("pods").listKind()).isEqualTo("PodList");
    assertThat(resources.get("configmaps").kind()).isEqualTo("ConfigMap");
    assertThat(resources.get("configmaps").singular()).isEqualTo("configmap");
    assertThat(resources.get("serviceaccounts").kind()).isEqualTo("ServiceAccount");
    assertThat(resources.get("serviceaccounts").singular()).isEqualTo("serviceaccount");
    assertThat(resources.get("serviceaccounts").listKind()).isEqualTo("ServiceAccountList");
    assertThat(resources.get("namespaces").kind()).isEqualTo("Namespace");
    assertThat(resources.get("events").kind()).isEqualTo("Event");
    assertThat(resources.get("secrets").kind()).isEqualTo("Secret");
    assertThat(resources.get("services").kind()).isEqualTo("Service");
  }

  @Test
  void shortNamesAndCategoriesAreUpstreams() {
    assertThat(resources.get("pods").shortNames()).containsExactly("po");
    assertThat(resources.get("configmaps").shortNames()).containsExactly("cm");
    assertThat(resources.get("services").shortNames()).containsExactly("svc");
    assertThat(resources.get("namespaces").shortNames()).containsExactly("ns");
    assertThat(resources.get("events").shortNames()).containsExactly("ev");
    assertThat(resources.get("serviceaccounts").shortNames()).containsExactly("sa");
    assertThat(resources.get("secrets").shortNames()).isEmpty();
    assertThat(resources.get("pods").categories()).containsExactly("all");
    assertThat(resources.get("services").categories()).containsExactly("all");
    for (String other :
        List.of("configmaps", "events", "namespaces", "secrets", "serviceaccounts")) {
      assertThat(resources.get(other).categories()).as(other).isEmpty();
    }
  }

  @Test
  void onlyNamespacesAreClusterScoped() {
    resources.forEach(
        (plural, r) ->
            assertThat(r.namespaced()).as(plural).isEqualTo(!plural.equals("namespaces")));
  }

  @Test
  void podsServicesAndNamespacesHaveAStatusSubresource() {
    assertThat(resources.values().stream().filter(ResourceDefinition::hasStatusSubresource))
        .extracting(ResourceDefinition::plural)
        .containsExactlyInAnyOrder("pods", "services", "namespaces");
  }

  @Test
  void deletesAnswerTheObjectWhereUpstreamsRegistryDoesAndAStatusElsewhere() {
    assertThat(resources.values().stream().filter(r -> r.strategy().returnDeletedObject()))
        .extracting(ResourceDefinition::plural)
        .containsExactlyInAnyOrder("pods", "services", "serviceaccounts");
  }

  @Test
  void storagePrefixesFollowKubeApiserverLayout() {
    assertThat(resources.get("services").storagePrefix("")).isEqualTo("services/specs");
    for (String plural : List.of("pods", "configmaps", "secrets", "namespaces", "events")) {
      assertThat(resources.get(plural).storagePrefix("")).isEqualTo(plural);
    }
    assertThat(resources.get("serviceaccounts").storagePrefix("")).isEqualTo("serviceaccounts");
  }

  @Test
  void nameRulesPerKind() {
    assertThat(resources.get("namespaces").strategy().nameValidation())
        .isEqualTo(NameValidation.DNS_LABEL);
    assertThat(resources.get("services").strategy().nameValidation())
        .isEqualTo(NameValidation.DNS_LABEL);
    assertThat(resources.get("events").strategy().nameValidation())
        .isEqualTo(NameValidation.PATH_SEGMENT);
    for (String plural : List.of("pods", "configmaps", "secrets", "serviceaccounts")) {
      assertThat(resources.get(plural).strategy().nameValidation())
          .as(plural)
          .isEqualTo(NameValidation.DNS_SUBDOMAIN);
    }
  }

  @Test
  void createOnUpdateOnlyForServicesAndEvents() {
    resources.forEach(
        (plural, r) ->
            assertThat(r.strategy().allowCreateOnUpdate())
                .as(plural)
                .isEqualTo(plural.equals("services") || plural.equals("events")));
  }

  @Test
  void tableColumnsAreKubectls() {
    assertThat(columnNames("pods"))
        .containsExactly(
            "Ready",
            "Status",
            "Restarts",
            "Age",
            "IP",
            "Node",
            "Nominated Node",
            "Readiness Gates");
    assertThat(columnNames("services"))
        .containsExactly("Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector");
    assertThat(columnNames("configmaps")).containsExactly("Data", "Age");
    assertThat(columnNames("secrets")).containsExactly("Type", "Data", "Age");
    assertThat(columnNames("namespaces")).containsExactly("Status", "Age");
    assertThat(columnNames("serviceaccounts")).containsExactly("Secrets", "Age");
    assertThat(columnNames("events"))
        .containsExactly(
            "Last Seen",
            "Type",
            "Reason",
            "Object",
            "Subobject",
            "Source",
            "Message",
            "First Seen",
            "Count");
    assertThat(resources.get("pods").tableColumns())
        .extracting(c -> c.definition().priority())
        .containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
    assertThat(resources.get("services").tableColumns())
        .extracting(c -> c.definition().priority())
        .containsExactly(0, 0, 0, 0, 0, 1);
  }

  @Test
  void initialNamespacesAreThoseOfAFreshCluster() {
    assertThat(CoreV1.initialNamespaces())
        .extracting(Unstructured::getName)
        .containsExactly("default", "kube-node-lease", "kube-public", "kube-system");
    assertThat(CoreV1.initialNamespaces())
        .allSatisfy(
            ns -> {
              assertThat(ns.getApiVersion()).isEqualTo("v1");
              assertThat(ns.getKind()).isEqualTo("Namespace");
            });
  }

  @Test
  void kubernetesServiceUsesTheFirstAddressOfTheRange() {
    Unstructured service = CoreV1.kubernetesService(6443);

    assertThat(service.getNamespace()).isEqualTo("default");
    assertThat(service.getNestedString("spec", "clusterIP")).isEqualTo("10.96.0.1");
    assertThat(service.getNested("spec", "ports").get(0).get("targetPort").intValue())
        .isEqualTo(6443);
    new ServiceStrategy().prepareForCreate(service);
    assertThat(new ServiceStrategy().validate(service)).isEmpty();
  }

  private List<String> columnNames(String plural) {
    return resources.get(plural).tableColumns().stream()
        .map(TableColumn::definition)
        .map(d -> d.name())
        .toList();
  }
}
