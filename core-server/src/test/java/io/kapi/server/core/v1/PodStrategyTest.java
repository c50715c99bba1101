package io.kapi.server.core.v1;

import static io.kapi.server.core.v1.Objects.json;
import static io.kapi.server.core.v1.Objects.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.unstructured.Unstructured;
import org.junit.jupiter.api.Test;

class PodStrategyTest {
  private final PodStrategy strategy = new PodStrategy();

  private Unstructured created(String singleQuotedJson) {
    Unstructured pod = json(singleQuotedJson);
    strategy.prepareForCreate(pod);
    return pod;
  }

  @Test
  void newPodIsPendingWithSchemeDefaults() {
    Unstructured pod =
        created(
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'web','generation':1},"
                + "'spec':{'containers':[{'name':'nginx','image':'nginx','ports':[{'containerPort':80}]}]},"
                + "'status':{'phase':'Running'}}");

    assertThat(pod.getNestedString("status", "phase")).isEqualTo("Pending");
    assertThat(pod.getNestedString("status", "qosClass")).isEqualTo("BestEffort");
    assertThat(pod.getGeneration()).isEqualTo(1);
    assertThat(pod.getNestedString("spec", "restartPolicy")).isEqualTo("Always");
    assertThat(pod.getNestedString("spec", "dnsPolicy")).isEqualTo("ClusterFirst");
    assertThat(pod.getNestedString("spec", "schedulerName")).isEqualTo("default-scheduler");
    assertThat(pod.getNested("spec", "terminationGracePeriodSeconds").longValue()).isEqualTo(30);
    var container = pod.getNested("spec", "containers").get(0);
    assertThat(container.get("imagePullPolicy").stringValue()).isEqualTo("Always");
    assertThat(container.get("terminationMessagePath").stringValue())
        .isEqualTo("/dev/termination-log");
    assertThat(container.get("terminationMessagePolicy").stringValue()).isEqualTo("File");
    assertThat(container.get("ports").get(0).get("protocol").stringValue()).isEqualTo("TCP");
    assertThat(strategy.validate(pod)).isEmpty();
  }

  @Test
  void pullPolicyDependsOnTheTag() {
    assertThat(PodDefaults.imageTag("nginx")).isEqualTo("latest");
    assertThat(PodDefaults.imageTag("nginx:1.27")).isEqualTo("1.27");
    assertThat(PodDefaults.imageTag("registry:5000/team/app")).isEqualTo("latest");
    assertThat(PodDefaults.imageTag("registry:5000/team/app:v2")).isEqualTo("v2");
    assertThat(PodDefaults.imageTag("nginx@sha256:abc")).isEmpty();
    Unstructured pod =
        created(
            "{'metadata':{'name':'p'},'spec':{'containers':[{'name':'a','image':'nginx:1.27'}]}}");
    assertThat(pod.getNested("spec", "containers").get(0).get("imagePullPolicy").stringValue())
        .isEqualTo("IfNotPresent");
  }

  @Test
  void qosClassFollowsRequestsAndLimits() {
    assertThat(
            created(
                    "{'metadata':{'name':'p'},'spec':{'containers':[{'name':'a','image':'i',"
                        + "'resources':{'limits':{'cpu':'500m','memory':'1Gi'}}}]}}")
                .getNestedString("status", "qosClass"))
        .isEqualTo("Guaranteed");
    assertThat(
            created(
                    "{'metadata':{'name':'p'},'spec':{'containers':[{'name':'a','image':'i',"
                        + "'resources':{'requests':{'cpu':'0.5','memory':'1073741824'},"
                        + "'limits':{'cpu':'500m','memory':'1Gi'}}}]}}")
                .getNestedString("status", "qosClass"))
        .isEqualTo("Guaranteed");
    assertThat(
            created(
                    "{'metadata':{'name':'p'},'spec':{'containers':[{'name':'a','image':'i',"
                        + "'resources':{'requests':{'cpu':'100m'}}}]}}")
                .getNestedString("status", "qosClass"))
        .isEqualTo("Burstable");
  }

  @Test
  void podWithoutContainersNeedsOne() {
    Unstructured pod = created("{'metadata':{'name':'p'},'spec':{}}");

    assertThat(texts(strategy.validate(pod))).containsExactly("spec.containers: Required value");
  }

  @Test
  void containerNamesAreRequiredUniqueDnsLabels() {
    Unstructured pod =
        created(
            "{'metadata':{'name':'p'},'spec':{'containers':["
                + "{'image':'i'},{'name':'Web_1','image':'i'},{'name':'a','image':'i'},"
                + "{'name':'a','image':'i'},{'name':'a.b','image':'i'}]}}");

    assertThat(texts(strategy.validate(pod)))
        .containsExactly(
            "spec.containers[0].name: Required value",
            "spec.containers[1].name: Invalid value: \"Web_1\": a lowercase RFC 1123 label must"
                + " consist of lower case alphanumeric characters or '-', and must start and end"
                + " with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for"
                + " validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            "spec.containers[3].name: Duplicate value: \"a\"",
            "spec.containers[4].name: Invalid value: \"a.b\": must not contain dots");
  }

  @Test
  void imageIsRequiredAndTrimmed() {
    Unstructured pod =
        created(
            "{'metadata':{'name':'p'},'spec':{'containers':["
                + "{'name':'a'},{'name':'b','image':' nginx'}]}}");

    assertThat(texts(strategy.validate(pod)))
        .containsExactly(
            "spec.containers[0].image: Required value",
            "spec.containers[1].image: Invalid value: \" nginx\": must not have leading or"
                + " trailing whitespace");
  }

  @Test
  void enumsAndPortsUseUpstreamTexts() {
    Unstructured pod =
        created(
            "{'metadata':{'name':'p'},'spec':{'restartPolicy':'Sometimes','dnsPolicy':'Mine',"
                + "'containers':[{'name':'a','image':'i','imagePullPolicy':'Maybe',"
                + "'ports':[{'containerPort':70000,'protocol':'HTTP'},{'name':'http'}]}]}}");

    assertThat(texts(strategy.validate(pod)))
        .containsExactly(
            "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1"
                + " and 65535, inclusive",
            "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values:"
                + " \"SCTP\", \"TCP\", \"UDP\"",
            "spec.containers[0].ports[1].containerPort: Required value",
            "spec.containers[0].imagePullPolicy: Unsupported value: \"Maybe\": supported values:"
                + " \"Always\", \"IfNotPresent\", \"Never\"",
            "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\","
                + " \"OnFailure\", \"Never\"",
            "spec.dnsPolicy: Unsupported value: \"Mine\": supported values:"
                + " \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\"");
  }

  @Test
  void volumeMountsMustNameAVolume() {
    Unstructured pod =
        created(
            "{'metadata':{'name':'p'},'spec':{'volumes':[{'name':'data','emptyDir':{}}],"
                + "'containers':[{'name':'a','image':'i','volumeMounts':["
                + "{'name':'data','mountPath':'/d'},{'name':'cache','mountPath':'/d'}]}]}}");

    assertThat(texts(strategy.validate(pod)))
        .containsExactly(
            "spec.containers[0].volumeMounts[1].name: Not found: \"cache\"",
            "spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/d\": must be unique");
  }

  @Test
  void updatesMayChangeImagesButNotOtherSpecFields() {
    Unstructured old =
        created("{'metadata':{'name':'p'},'spec':{'containers':[{'name':'a','image':'nginx:1'}]}}");
    Unstructured newImage = old.deepCopy();
    ((tools.jackson.databind.node.ObjectNode) newImage.getNested("spec", "containers").get(0))
        .put("image", "nginx:2");
    strategy.prepareForUpdate(newImage, old);
    Unstructured newNode = old.deepCopy();
    newNode.setNested(Trees.NODES.stringNode("node-1"), "spec", "nodeName");
    strategy.prepareForUpdate(newNode, old);

    assertThat(strategy.validateUpdate(newImage, old)).isEmpty();
    assertThat(strategy.generationChanged(newImage, old)).isTrue();
    assertThat(texts(strategy.validateUpdate(newNode, old)))
        .singleElement()
        .asString()
        .startsWith(
            "spec: Forbidden: pod updates may not change fields other than"
                + " `spec.containers[*].image`,`spec.initContainers[*].image`,"
                + "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing"
                + " tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if"
                + " it was previously negative)\n")
        .contains("nodeName");
  }

  @Test
  void updatesMayNotAddContainers() {
    Unstructured old =
        created("{'metadata':{'name':'p'},'spec':{'containers':[{'name':'a','image':'i'}]}}");
    Unstructured more =
        created(
            "{'metadata':{'name':'p'},'spec':{'containers':["
                + "{'name':'a','image':'i'},{'name':'b','image':'i'}]}}");

    assertThat(texts(strategy.validateUpdate(more, old)))
        .containsExactly(
            "spec.containers: Forbidden: pod updates may not add or remove containers");
  }

  @Test
  void statusUpdatesKeepTheQosClassAndNeedValidIps() {
    Unstructured old =
        created("{'metadata':{'name':'p'},'spec':{'containers':[{'name':'a','image':'i'}]}}");
    Unstructured running = old.deepCopy();
    running.setNested(Trees.NODES.stringNode("Running"), "status", "phase");
    Unstructured changed = old.deepCopy();
    changed.setNested(Trees.NODES.stringNode("Guaranteed"), "status", "qosClass");
    changed.setNested(json("{'a':[{'ip':'10.0.0.300'}]}").object().get("a"), "status", "podIPs");

    assertThat(strategy.validateStatusUpdate(running, old)).isEmpty();
    assertThat(texts(strategy.validateStatusUpdate(changed, old)))
        .containsExactly(
            "status.qosClass: Invalid value: \"Guaranteed\": field is immutable",
            "status.podIPs[0]: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g."
                + " 10.9.8.7 or 2001:db8::ffff)");
  }
}
