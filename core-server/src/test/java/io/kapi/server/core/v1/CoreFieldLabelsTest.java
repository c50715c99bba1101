package io.kapi.server.core.v1;

import static io.kapi.server.core.v1.Objects.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.unstructured.Unstructured;
import org.junit.jupiter.api.Test;

class CoreFieldLabelsTest {

  @Test
  void eventsSelectByInvolvedObjectAsKubectlDescribeDoes() {
    Unstructured event =
        json(
            "{'involvedObject':{'kind':'Pod','name':'web','namespace':'default','uid':'u-1'},"
                + "'reason':'Started','type':'Normal','reportingComponent':'kubelet'}");

    assertThat(CoreFieldLabels.value("events", event, "involvedObject.name")).isEqualTo("web");
    assertThat(CoreFieldLabels.value("events", event, "involvedObject.uid")).isEqualTo("u-1");
    assertThat(CoreFieldLabels.value("events", event, "involvedObject.fieldPath")).isEmpty();
    assertThat(CoreFieldLabels.value("events", event, "source")).isEqualTo("kubelet");
    assertThat(CoreFieldLabels.value("events", event, "message")).isNull();
  }

  @Test
  void podFieldsHaveUpstreamDefaults() {
    Unstructured pod =
        json(
            "{'spec':{'nodeName':'n1'},'status':{'phase':'Running','podIPs':[{'ip':'10.0.0.1'}]}}");

    assertThat(CoreFieldLabels.value("pods", pod, "spec.nodeName")).isEqualTo("n1");
    assertThat(CoreFieldLabels.value("pods", pod, "spec.hostNetwork")).isEqualTo("false");
    assertThat(CoreFieldLabels.value("pods", pod, "status.podIP")).isEqualTo("10.0.0.1");
    assertThat(CoreFieldLabels.value("pods", pod, "status.phase")).isEqualTo("Running");
  }

  @Test
  void supportedFieldsPerResource() {
    assertThat(CoreFieldLabels.supported("secrets")).containsExactly("type");
    assertThat(CoreFieldLabels.supported("namespaces")).containsExactly("status.phase", "name");
    assertThat(CoreFieldLabels.supported("services"))
        .containsExactly("spec.clusterIP", "spec.type");
    assertThat(CoreFieldLabels.supported("configmaps")).isEmpty();
    assertThat(CoreFieldLabels.supported("pods")).contains("spec.nodeName", "status.phase");
  }
}
