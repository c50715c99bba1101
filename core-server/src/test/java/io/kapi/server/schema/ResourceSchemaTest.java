package io.kapi.server.schema;

import static io.kapi.server.schema.Json.object;
import static io.kapi.server.schema.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.FieldError;
import io.kapi.api.schema.GroupVersionKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ResourceSchemaTest {
  private static final ResourceSchema SERVICE_MONITORS =
      ResourceSchema.fromCrdSchema(Json.crdSchema("monitoring.coreos.com_servicemonitors.yaml"));
  private static final GroupVersionKind SERVICE_MONITOR =
      GroupVersionKind.of("monitoring.coreos.com", "v1", "ServiceMonitor");

  private static List<String> strings(List<FieldError> errors) {
    return errors.stream().map(FieldError::toString).toList();
  }

  @Test
  void customResourceRequestFollowsUpstreamOrder() {
    ObjectNode body =
        object(
            "{'apiVersion':'monitoring.coreos.com/v1','kind':'ServiceMonitor',"
                + "'metadata':{'name':'web','namespace':'default','labels':{'team':'a'}},"
                + "'spec':{'selector':{'matchLabels':{'app':'web'}},'endpoints':[{'port':'http',"
                + "'interval':'30s','scheme':'https','relabelings':[{'sourceLabels':['a'],"
                + "'targetLabel':'b','foo':1}]}],'bar':true}}");

    List<String> warnings =
        FieldValidation.WARN.handleUnknownFields(SERVICE_MONITORS.prune(body), SERVICE_MONITOR);
    SERVICE_MONITORS.applyDefaults(body);

    assertThat(warnings)
        .containsExactly(
            "unknown field \"spec.bar\"", "unknown field \"spec.endpoints[0].relabelings[0].foo\"");
    assertThat(body.at("/spec/endpoints/0/relabelings/0/action")).isEqualTo(parse("'replace'"));
    assertThat(SERVICE_MONITORS.validate(body)).isEmpty();
  }

  @Test
  void customResourceErrorsBecomeOne422() {
    ObjectNode body =
        object(
            "{'apiVersion':'monitoring.coreos.com/v1','kind':'ServiceMonitor','metadata':{'name':'web'},"
                + "'spec':{'endpoints':[{'scheme':'ftp','interval':'soon'}]}}");
    SERVICE_MONITORS.applyDefaults(body);

    List<FieldError> errors = SERVICE_MONITORS.validate(body);

    assertThat(strings(errors))
        .containsExactly(
            "spec.endpoints[0].interval: Invalid value: \"soon\": spec.endpoints[0].interval in"
                + " body should match '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?"
                + "(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$'",
            "spec.endpoints[0].scheme: Unsupported value: \"ftp\": supported values: \"http\","
                + " \"https\", \"HTTP\", \"HTTPS\"",
            "spec.selector: Required value");
    assertThat(
            ApiErrors.invalid("monitoring.coreos.com", "ServiceMonitor", "web", errors)
                .getMessage())
        .startsWith(
            "ServiceMonitor.monitoring.coreos.com \"web\" is invalid:"
                + " [spec.endpoints[0].interval:");
  }

  @Test
  void strictFieldValidationRejectsUnknownFields() {
    ObjectNode body =
        object("{'apiVersion':'monitoring.coreos.com/v1','kind':'ServiceMonitor','spec':{'x':1}}");

    assertThatThrownBy(
            () ->
                FieldValidation.STRICT.handleUnknownFields(
                    SERVICE_MONITORS.prune(body), SERVICE_MONITOR))
        .hasMessage(
            "ServiceMonitor in version \"v1\" cannot be handled as a ServiceMonitor: strict"
                + " decoding error: unknown field \"spec.x\"");
  }

  @Test
  void metadataIsValidatedAsObjectMetaWithTheCrdsNameRules() {
    ResourceSchema foos =
        ResourceSchema.fromCrdSchema(
            parse(
                "{'type':'object','properties':{'metadata':{'type':'object','properties':{"
                    + "'name':{'type':'string','maxLength':5}}},'spec':{'type':'object'}}}"));
    ObjectNode foo =
        object(
            "{'apiVersion':'example.com/v1','kind':'Foo','metadata':{'name':'too-long',"
                + "'labels':{'a':1},'generation':'one'}}");

    assertThat(strings(foos.validate(foo)))
        .containsExactlyInAnyOrder(
            "metadata.generation: Invalid value: \"string\": metadata.generation in body must be of"
                + " type integer: \"string\"",
            "metadata.labels.a: Invalid value: \"integer\": metadata.labels.a in body must be of"
                + " type string: \"integer\"",
            "metadata.name: Too long: may not be more than 5 bytes");
    assertThat(foos.schema().property("metadata").orElseThrow().properties())
        .containsOnlyKeys("name");
  }

  @Test
  void nullMetadataFieldsAreDroppedBeforeValidation() {
    ResourceSchema foos =
        ResourceSchema.fromCrdSchema(Json.crdSchema("samplecontroller_foos.yaml"));
    ObjectNode foo =
        object(
            "{'apiVersion':'samplecontroller.k8s.io/v1alpha1','kind':'Foo',"
                + "'metadata':{'name':'example-foo','creationTimestamp':null},"
                + "'spec':{'deploymentName':'example-foo','replicas':1}}");

    foos.applyDefaults(foo);

    assertThat(foo.get("metadata")).isEqualTo(parse("{'name':'example-foo'}"));
    assertThat(foos.validate(foo)).isEmpty();
  }

  @Test
  void builtInSecretsAndServicesValidateTheirFormats() {
    ResourceSchema secrets =
        ResourceSchema.forKind(OpenApiDocument.coreV1(), GroupVersionKind.of("", "v1", "Secret"));
    ResourceSchema services =
        ResourceSchema.forKind(OpenApiDocument.coreV1(), GroupVersionKind.of("", "v1", "Service"));
    ObjectNode secret =
        object(
            "{'apiVersion':'v1','kind':'Secret','metadata':{'name':'s'},'data':{'ok':'aGk=','bad':'not"
                + " base64'},'stringData':{'plain':'text'},'type':'Opaque'}");
    ObjectNode service =
        object(
            "{'apiVersion':'v1','kind':'Service','metadata':{'name':'s'},'spec':{'ports':"
                + "[{'port':80,'targetPort':'http'},{'port':443,'targetPort':8443},{'port':8080,'targetPort':true}]}}");
    services.applyDefaults(service);

    assertThat(strings(secrets.validate(secret)))
        .containsExactly(
            "data.bad: Invalid value: \"not base64\": data.bad in body must be of type byte: \"not"
                + " base64\"");
    assertThat(strings(services.validate(service)))
        .containsExactly(
            "spec.ports[2].targetPort: Invalid value: \"boolean\": spec.ports[2].targetPort in body"
                + " must be of type integer,string: \"boolean\"");
    assertThat(service.at("/spec/ports/0/protocol")).isEqualTo(parse("'TCP'"));
  }

  @Test
  void builtInConfigMapsAndNamespacesValidateTheirFields() {
    ResourceSchema configMaps =
        ResourceSchema.forKind(
            OpenApiDocument.coreV1(), GroupVersionKind.of("", "v1", "ConfigMap"));
    ResourceSchema namespaces =
        ResourceSchema.forKind(
            OpenApiDocument.coreV1(), GroupVersionKind.of("", "v1", "Namespace"));
    ObjectNode configMap =
        object(
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},"
                + "'data':{'ok':'text','n':1},'binaryData':{'b':'AAE='},'immutable':'yes'}");
    ObjectNode namespace =
        object(
            "{'apiVersion':'v1','kind':'Namespace','metadata':{'name':'n'},"
                + "'spec':{'finalizers':['kubernetes']},'status':{'phase':5}}");

    assertThat(strings(configMaps.validate(configMap)))
        .containsExactlyInAnyOrder(
            "data.n: Invalid value: \"integer\": data.n in body must be of type string:"
                + " \"integer\"",
            "immutable: Invalid value: \"string\": immutable in body must be of type boolean:"
                + " \"string\"");
    assertThat(strings(namespaces.validate(namespace)))
        .containsExactly(
            "status.phase: Invalid value: \"integer\": status.phase in body must be of type"
                + " string: \"integer\"");
  }

  @Test
  void unknownKindsAreRejectedAtConfigurationTime() {
    assertThatThrownBy(
            () ->
                ResourceSchema.forKind(
                    OpenApiDocument.coreV1(), GroupVersionKind.of("x", "v1", "Y")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x/v1, Kind=Y");
  }
}
