package io.kapi.server.schema;

import static io.kapi.server.schema.Json.object;
import static io.kapi.server.schema.Json.parse;
import static io.kapi.server.schema.Json.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import io.kapi.api.errors.FieldError;
import io.kapi.api.meta.StatusCause;
import io.kapi.api.schema.GroupVersionKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SchemaValidatorTest {
  private static final ResourceSchema PODS =
      ResourceSchema.forKind(OpenApiDocument.coreV1(), GroupVersionKind.of("", "v1", "Pod"));

  private static List<String> errors(StructuralSchema schema, String json) {
    return SchemaValidator.validate(schema, parse(json)).stream()
        .map(FieldError::toString)
        .toList();
  }

  private static List<String> podErrors(ObjectNode pod) {
    PODS.applyDefaults(pod);
    return PODS.validate(pod).stream().map(FieldError::toString).toList();
  }

  private static ObjectNode pod(String spec) {
    return object(
        "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'web','namespace':'default',"
            + "'labels':{'app':'web'},'creationTimestamp':'2024-05-01T10:00:00Z'},'spec':"
            + spec
            + "}");
  }

  @Test
  void realisticPodIsValid() {
    ObjectNode pod =
        pod(
            "{'containers':[{'name':'web','image':'nginx:1.27','imagePullPolicy':'IfNotPresent',"
                + "'ports':[{'name':'http','containerPort':80,'protocol':'TCP'}],"
                + "'env':[{'name':'MODE','value':'prod'},{'name':'POD','valueFrom':{'fieldRef':"
                + "{'fieldPath':'metadata.name'}}}],"
                + "'resources':{'limits':{'cpu':'500m','memory':'128Mi'},'requests':{'cpu':0.25}},"
                + "'readinessProbe':{'httpGet':{'path':'/','port':'http'},'periodSeconds':5},"
                + "'livenessProbe':{'tcpSocket':{'port':80}},"
                + "'volumeMounts':[{'name':'config','mountPath':'/etc/web','readOnly':true}]}],"
                + "'volumes':[{'name':'config','configMap':{'name':'web','defaultMode':420}}],"
                + "'restartPolicy':'Always','nodeSelector':{'kubernetes.io/os':'linux'},"
                + "'tolerations':[{'key':'k','operator':'Exists','effect':'NoSchedule'}],"
                + "'securityContext':{'runAsNonRoot':true,'runAsUser':1000}}");

    assertThat(podErrors(pod)).isEmpty();
  }

  @Test
  void stringContainerPortIsTypeInvalidWithUpstreamText() {
    ObjectNode pod =
        pod("{'containers':[{'name':'web','image':'nginx','ports':[{'containerPort':'x'}]}]}");
    PODS.applyDefaults(pod);

    List<FieldError> errors = PODS.validate(pod);

    assertThat(errors).hasSize(1);
    FieldError error = errors.get(0);
    assertThat(error.type()).isEqualTo(FieldError.Type.TYPE_INVALID);
    assertThat(error.field()).isEqualTo("spec.containers[0].ports[0].containerPort");
    assertThat(error.toString())
        .isEqualTo(
            "spec.containers[0].ports[0].containerPort: Invalid value: \"string\":"
                + " spec.containers[0].ports[0].containerPort in body must be of type integer:"
                + " \"string\"");
    assertThat(error.toCause())
        .isEqualTo(
            new StatusCause(
                "FieldValueTypeInvalid",
                "Invalid value: \"string\": spec.containers[0].ports[0].containerPort in body must"
                    + " be of type integer: \"string\"",
                "spec.containers[0].ports[0].containerPort"));
  }

  @Test
  void missingRequiredFieldsAreRequiredValue() {
    assertThat(podErrors(pod("{}"))).containsExactly("spec.containers: Required value");
    assertThat(podErrors(pod("{'containers':[{'image':'nginx'}]}")))
        .containsExactly("spec.containers[0].name: Required value");
  }

  @Test
  void wrongTypesInBuiltInKindsNameTheRuntimeType() {
    ObjectNode pod =
        pod(
            "{'containers':[{'name':'web','image':['nginx']}],'hostNetwork':'yes','nodeSelector':{'a':1}}");

    assertThat(podErrors(pod))
        .containsExactlyInAnyOrder(
            "spec.containers[0].image: Invalid value: \"array\": spec.containers[0].image in body"
                + " must be of type string: \"array\"",
            "spec.hostNetwork: Invalid value: \"string\": spec.hostNetwork in body must be of type"
                + " boolean: \"string\"",
            "spec.nodeSelector.a: Invalid value: \"integer\": spec.nodeSelector.a in body must be"
                + " of type string: \"integer\"");
  }

  @Test
  void duplicateKeysOfListMapAreReportedOnTheSecondItem() {
    ObjectNode pod =
        pod(
            "{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'},{'name':'a','image':'z'}]}");

    assertThat(podErrors(pod))
        .containsExactly(
            "spec.containers[2]: Duplicate value: map[string]interface {}{\"name\":\"a\"}");
  }

  @Test
  void invalidBecomesUpstreams422Message() {
    StructuralSchema foo =
        schema(
            "{'type':'object','properties':{'spec':{'type':'object','properties':"
                + "{'replicas':{'type':'integer'}}}}}");
    List<FieldError> errors =
        SchemaValidator.validate(foo, parse("{'spec':{'replicas':'string'}}"));

    ApiException e = ApiErrors.invalid("example.com", "Foo", "x", errors);

    assertThat(e.code()).isEqualTo(422);
    assertThat(e.getMessage())
        .isEqualTo(
            "Foo.example.com \"x\" is invalid: spec.replicas: Invalid value: \"string\":"
                + " spec.replicas in body must be of type integer: \"string\"");
  }

  @Test
  void enumViolationIsNotSupportedListingTheValues() {
    StructuralSchema s =
        schema(
            "{'type':'object','properties':{'mode':{'type':'string','enum':['a','b']},"
                + "'level':{'type':'integer','enum':[1,2.5]}}}");

    assertThat(errors(s, "{'mode':'x','level':3}"))
        .containsExactly(
            "mode: Unsupported value: \"x\": supported values: \"a\", \"b\"",
            "level: Unsupported value: 3: supported values: \"1\", \"2.5\"");
    assertThat(errors(s, "{'mode':'a','level':1.0}")).isEmpty();
  }

  @Test
  void nullIsATypeErrorUnlessNullable() {
    StructuralSchema s =
        schema(
            "{'type':'object','properties':{'a':{'type':'string'},"
                + "'b':{'type':'string','nullable':true},'c':{'type':'string','nullable':true,'enum':['x']}}}");

    assertThat(errors(s, "{'a':null,'b':null,'c':null}"))
        .containsExactly(
            "a: Invalid value: \"null\": a in body must be of type string: \"null\"",
            "c: Unsupported value: null: supported values: \"x\"");
  }

  @Test
  void stringConstraintsReportTheFirstFailure() {
    StructuralSchema s =
        schema(
            "{'type':'object','properties':{'name':{'type':'string','minLength':2,"
                + "'maxLength':5,'pattern':'^[a-z]+$'},'one':{'type':'string','maxLength':1}}}");

    assertThat(errors(s, "{'name':'toolongname'}"))
        .containsExactly("name: Too long: may not be more than 5 bytes");
    assertThat(errors(s, "{'one':'ab'}"))
        .containsExactly("one: Too long: may not be more than 1 byte");
    assertThat(errors(s, "{'name':'a'}"))
        .containsExactly(
            "name: Invalid value: \"a\": name in body should be at least 2 chars long");
    assertThat(errors(s, "{'name':'AB'}"))
        .containsExactly("name: Invalid value: \"AB\": name in body should match '^[a-z]+$'");
    assertThat(errors(s, "{'name':'ab'}")).isEmpty();
  }

  @Test
  void lengthsCountCharactersNotUtf16Units() {
    StructuralSchema s =
        schema("{'type':'object','properties':{'e':{'type':'string','maxLength':2}}}");

    assertThat(errors(s, "{'e':'\uD83D\uDE00\uD83D\uDE00'}")).isEmpty();
  }

  @Test
  void numberBoundsUseGoFormatting() {
    StructuralSchema s =
        schema(
            "{'type':'object','properties':{"
                + "'replicas':{'type':'integer','minimum':1,'maximum':10},"
                + "'ratio':{'type':'number','maximum':1.5,'exclusiveMaximum':true},"
                + "'big':{'type':'number','minimum':1000000},"
                + "'step':{'type':'integer','multipleOf':5}}}");

    assertThat(errors(s, "{'replicas':0,'ratio':1.5,'big':2.5,'step':12}"))
        .containsExactly(
            "replicas: Invalid value: 0: replicas in body should be greater than or equal to 1",
            "ratio: Invalid value: 1.5: ratio in body should be less than 1.5",
            "big: Invalid value: 2.5: big in body should be greater than or equal to 1e+06",
            "step: Invalid value: 12: step in body should be a multiple of 5");
    assertThat(errors(s, "{'replicas':11}"))
        .containsExactly(
            "replicas: Invalid value: 11: replicas in body should be less than or equal to 10");
  }

  @Test
  void integerFormatsAreRangeChecked() {
    StructuralSchema s =
        schema(
            "{'type':'object','properties':{'port':{'type':'integer','format':'int32'},"
                + "'count':{'type':'integer'}}}");

    assertThat(errors(s, "{'port':3000000000}"))
        .containsExactly(
            "<nil>: Invalid value: \"\": Checked value must be of type integer with format int32 in"
                + " port");
    assertThat(errors(s, "{'count':2.0}")).isEmpty();
    assertThat(errors(s, "{'count':2.5}"))
        .containsExactly(
            "count: Invalid value: \"number\": count in body must be of type integer: \"number\"",
            "<nil>: Invalid value: \"\": Checked value must be of type integer (default format) in"
                + " count");
  }

  @Test
  void stringFormatsAreValidatedAndUnknownOnesIgnored() {
    StructuralSchema s =
        schema(
            "{'type':'object','properties':{'at':{'type':'string','format':'date-time'},"
                + "'day':{'type':'string','format':'date'},'data':{'type':'string','format':'byte'},"
                + "'id':{'type':'string','format':'uuid'},'ip':{'type':'string','format':'ipv4'},"
                + "'custom':{'type':'string','format':'my-format'}}}");

    assertThat(
            errors(
                s,
                "{'at':'2024-01-02T03:04:05Z','day':'2024-02-29','data':'aGVsbG8=',"
                    + "'id':'123e4567-e89b-12d3-a456-426614174000','ip':'10.0.0.1','custom':'anything'}"))
        .isEmpty();
    assertThat(errors(s, "{'at':'yesterday','day':'2023-02-29','data':'no base64!','ip':'10.0.0'}"))
        .containsExactly(
            "at: Invalid value: \"yesterday\": at in body must be of type date-time: \"yesterday\"",
            "day: Invalid value: \"2023-02-29\": day in body must be of type date: \"2023-02-29\"",
            "data: Invalid value: \"no base64!\": data in body must be of type byte: \"no"
                + " base64!\"",
            "ip: Invalid value: \"10.0.0\": ip in body must be of type ipv4: \"10.0.0\"");
  }

  @Test
  void arrayCountsAndUniqueness() {
    StructuralSchema s =
        schema(
            "{'type':'object','properties':{'few':{'type':'array','items':{'type':'string'},"
                + "'minItems':1},'many':{'type':'array','items':{'type':'string'},'maxItems':2},"
                + "'unique':{'type':'array','items':{'type':'integer'},'uniqueItems':true}}}");

    assertThat(errors(s, "{'few':[],'many':['a','b','c'],'unique':[1,2,1]}"))
        .containsExactly(
            "few: Invalid value: 0: few in body should have at least 1 items",
            "many: Too many: 3: must have at most 2 items",
            "unique: Invalid value: \"\": unique in body shouldn't contain duplicates");
  }

  @Test
  void listTypeSetAndMapDuplicatesUseFieldPathKeys() {
    StructuralSchema s =
        schema(
            "{'type':'object','properties':{'groups':{'type':'object','additionalProperties':"
                + "{'type':'array','items':{'type':'string'},'x-kubernetes-list-type':'set'}},"
                + "'ports':{'type':'array','x-kubernetes-list-type':'map',"
                + "'x-kubernetes-list-map-keys':['port','protocol'],'items':{'type':'object',"
                + "'properties':{'port':{'type':'integer'},'protocol':{'type':'string'}}}}}}");

    assertThat(
            errors(
                s,
                "{'groups':{'admins':['a','b','a','a']},"
                    + "'ports':[{'port':80,'protocol':'TCP'},{'port':80,'protocol':'UDP'},"
                    + "{'protocol':'TCP','port':80}]}"))
        .containsExactly(
            "groups[admins][2]: Duplicate value: \"a\"",
            "ports[2]: Duplicate value: map[string]interface {}{\"port\":80,"
                + " \"protocol\":\"TCP\"}");
  }

  @Test
  void listTypeMapItemsMustBeObjects() {
    StructuralSchema s =
        schema(
            "{'type':'object','properties':{'l':{'type':'array','x-kubernetes-list-type':'map',"
                + "'x-kubernetes-list-map-keys':['name'],'items':{'type':'object'}}}}");

    assertThat(errors(s, "{'l':[{'name':'a'},'b']}"))
        .containsExactly(
            "l[1]: Invalid value: \"string\": l[1] in body must be of type object: \"string\"",
            "l[1]: Invalid value: \"b\": must be an object for an array of list-type map");
  }

  @Test
  void intOrStringAcceptsBothAndNamesBothTypes() {
    StructuralSchema s =
        schema(
            "{'type':'object','properties':{'port':{'x-kubernetes-int-or-string':true,"
                + "'anyOf':[{'type':'integer'},{'type':'string'}]}}}");

    assertThat(errors(s, "{'port':8080}")).isEmpty();
    assertThat(errors(s, "{'port':'http'}")).isEmpty();
    assertThat(errors(s, "{'port':true}"))
        .containsExactly(
            "port: Invalid value: \"boolean\": port in body must be of type integer,string:"
                + " \"boolean\"",
            "<nil>: Invalid value: \"\": \"port\" must validate at least one schema (anyOf)",
            "port: Invalid value: \"boolean\": port in body must be of type integer: \"boolean\"");
  }

  @Test
  void additionalPropertiesFalseForbidsUndeclaredFields() {
    StructuralSchema s =
        schema(
            "{'type':'object','properties':{'spec':{'type':'object','additionalProperties':false,"
                + "'properties':{'a':{'type':'string'}}}}}");

    assertThat(errors(s, "{'spec':{'a':'x','b':1}}"))
        .containsExactly("spec: Invalid value: \"b\": spec.b in body is a forbidden property");
  }

  @Test
  void propertyCountsAreCheckedOnMaps() {
    StructuralSchema s =
        schema(
            "{'type':'object','properties':{'labels':{'type':'object','minProperties':1,"
                + "'maxProperties':2,'additionalProperties':{'type':'string'}}}}");

    assertThat(errors(s, "{'labels':{}}"))
        .containsExactly(
            "labels: Invalid value: 0: labels in body should have at least 1 properties");
    assertThat(errors(s, "{'labels':{'a':'1','b':'2','c':'3'}}"))
        .containsExactly("labels: Too many: 3: must have at most 2 items");
  }

  @Test
  void junctorsReportUpstreamsCompositeMessages() {
    StructuralSchema s =
        schema(
            "{'type':'object','properties':{'v':{'type':'string',"
                + "'oneOf':[{'pattern':'^a'},{'pattern':'b$'}],'not':{'enum':['forbidden']},"
                + "'allOf':[{'minLength':2},{'maxLength':3}]}}}");

    assertThat(errors(s, "{'v':'ab'}"))
        .containsExactly(
            "<nil>: Invalid value: \"\": \"v\" must validate one and only one schema (oneOf)."
                + " Found 2 valid alternatives");
    assertThat(errors(s, "{'v':'forbidden'}"))
        .containsExactly(
            "<nil>: Invalid value: \"\": \"v\" must validate one and only one schema (oneOf)."
                + " Found none valid",
            "v: Invalid value: \"forbidden\": v in body should match '^a'",
            "v: Too long: may not be more than 3 bytes",
            "<nil>: Invalid value: \"\": \"v\" must validate all the schemas (allOf)",
            "<nil>: Invalid value: \"\": \"v\" must not validate the schema (not)");
  }

  @Test
  void embeddedResourcesNeedTypeMeta() {
    StructuralSchema s =
        schema(
            "{'type':'object','properties':{'template':{'type':'object',"
                + "'x-kubernetes-embedded-resource':true,'x-kubernetes-preserve-unknown-fields':true}}}");

    assertThat(errors(s, "{'template':{'kind':'My Kind'}}"))
        .containsExactly(
            "template.apiVersion: Required value",
            "template.kind: Invalid value: \"My Kind\": may have mixed case, but should otherwise"
                + " match: a DNS-1035 label must consist of lower case alphanumeric characters or"
                + " '-', start with an alphabetic character, and end with an alphanumeric character"
                + " (e.g. 'my-name',  or 'abc-123', regex used for validation is"
                + " '[a-z]([-a-z0-9]*[a-z0-9])?')");
    assertThat(errors(s, "{'template':{'apiVersion':'apps/v1','kind':'Deployment'}}")).isEmpty();
  }

  @Test
  void statusValidationPrefixesPaths() {
    StructuralSchema status =
        schema(
            "{'type':'object','required':['phase'],'properties':{'count':{'type':'integer'},"
                + "'phase':{'type':'string'}}}");

    List<String> errors =
        SchemaValidator.validate(status, parse("{'count':'many'}"), "status").stream()
            .map(FieldError::toString)
            .toList();

    assertThat(errors)
        .containsExactly(
            "status.count: Invalid value: \"string\": count in body must be of type integer:"
                + " \"string\"",
            "status.phase: Required value");
  }
}
