package io.kapi.api.unstructured;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Real CRDs and custom resources (see NOTICE) read from YAML and written back as JSON and YAML. */
class CrdRoundTripTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "crd.projectcalico.org_ippools",
        "crd.projectcalico.org_felixconfigurations",
        "cert-manager.io_certificates",
        "monitoring.coreos.com_prometheusrules",
        "samplecontroller_foos",
        "samplecontroller_example-foo"
      })
  void yamlDecodesToTheSameDataAsPyYamlAndJsonRoundTripsByteForByte(String name) {
    Unstructured fromYaml = Unstructured.decode(ApiCodec.yaml(), Golden.bytes("/crds/" + name + ".yaml"));
    JsonNode expected = ApiCodec.json().decode(Golden.bytes("/crds/" + name + ".pyyaml.json"), JsonNode.class);
    assertThat((JsonNode) fromYaml.object()).isEqualTo(expected);

    byte[] json = fromYaml.encode(ApiCodec.json());
    Unstructured fromJson = Unstructured.decode(ApiCodec.json(), json);
    assertThat(fromJson).isEqualTo(fromYaml);
    assertThat(fromJson.encode(ApiCodec.json())).isEqualTo(json);
    assertThat(Unstructured.decode(ApiCodec.json(), ApiCodec.json().encodePretty(fromJson))).isEqualTo(fromYaml);

    Unstructured backFromYaml = Unstructured.decode(ApiCodec.yaml(), fromYaml.encode(ApiCodec.yaml()));
    assertThat(backFromYaml).isEqualTo(fromYaml);
  }

  @ParameterizedTest
  @ValueSource(strings = {"crd.projectcalico.org_ippools", "samplecontroller_foos"})
  void crdAccessorsWork(String name) {
    Unstructured crd = Unstructured.decode(ApiCodec.yaml(), Golden.bytes("/crds/" + name + ".yaml"));
    assertThat(crd.getKind()).isEqualTo("CustomResourceDefinition");
    assertThat(crd.getGroupVersionKind().group()).isEqualTo("apiextensions.k8s.io");
    assertThat(crd.getName()).endsWith("." + crd.getNestedString("spec", "group"));
  }
}
