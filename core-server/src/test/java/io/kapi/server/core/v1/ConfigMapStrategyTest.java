package io.kapi.server.core.v1;

import static io.kapi.server.core.v1.Objects.json;
import static io.kapi.server.core.v1.Objects.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.errors.ApiException;
import io.kapi.api.unstructured.Unstructured;
import org.junit.jupiter.api.Test;

class ConfigMapStrategyTest {
  private final ConfigMapStrategy strategy = new ConfigMapStrategy();

  private Unstructured created(String singleQuotedJson) {
    Unstructured configMap = json(singleQuotedJson);
    strategy.prepareForCreate(configMap);
    return configMap;
  }

  @Test
  void keysMustBeConfigKeys() {
    Unstructured configMap =
        created(
            "{'kind':'ConfigMap','metadata':{'name':'c'},'data':{'bad"
                + " key':'x','..dots':'y','ok':'z'}}");

    assertThat(texts(strategy.validate(configMap)))
        .containsExactly(
            "data[..dots]: Invalid value: \"..dots\": must not start with '..'",
            "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of"
                + " alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME', "
                + " or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  }

  @Test
  void aKeyMayNotBeInBothMaps() {
    Unstructured configMap =
        created(
            "{'kind':'ConfigMap','metadata':{'name':'c'},'data':{'a':'x'},'binaryData':{'a':'eA=='}}");

    assertThat(texts(strategy.validate(configMap)))
        .containsExactly("data[a]: Invalid value: \"a\": duplicate of key present in binaryData");
  }

  @Test
  void totalSizeIsAtMostOneMebibyte() {
    Unstructured configMap = created("{'kind':'ConfigMap','metadata':{'name':'c'},'data':{}}");
    configMap.setNested(Trees.NODES.stringNode("x".repeat(1024 * 1024)), "data", "big");
    Unstructured fits = configMap.deepCopy();
    configMap.setNested(Trees.NODES.stringNode("y"), "data", "more");

    assertThat(strategy.validate(fits)).isEmpty();
    assertThat(texts(strategy.validate(configMap)))
        .containsExactly("[]: Too long: may not be more than 1048576 bytes");
  }

  @Test
  void dataIsWrittenInKeyOrderAndBinaryDataCanonically() {
    Unstructured configMap =
        created(
            "{'kind':'ConfigMap','metadata':{'name':'c','generation':1},'data':{'b':'2','a':'1'},"
                + "'binaryData':{'bin':'aGVs\\nbG8='}}");

    assertThat(configMap.getNested("data").propertyNames()).containsExactly("a", "b");
    assertThat(configMap.getNestedString("binaryData", "bin")).isEqualTo("aGVsbG8=");
    assertThat(configMap.getGeneration()).isZero();
  }

  @Test
  void undecodableBinaryDataFailsTheRequest() {
    Unstructured configMap =
        json("{'kind':'ConfigMap','metadata':{'name':'c'},'binaryData':{'bin':'ab!d'}}");

    assertThatThrownBy(() -> strategy.prepareForCreate(configMap))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: illegal base64"
                          + " data at input byte 2");
            });
  }

  @Test
  void nonStringDataFailsTheRequest() {
    Unstructured configMap = json("{'kind':'ConfigMap','metadata':{'name':'c'},'data':{'n':1}}");

    assertThatThrownBy(() -> strategy.prepareForCreate(configMap))
        .hasMessage(
            "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal"
                + " number into Go struct field ConfigMap.data of type string");
  }

  @Test
  void immutableConfigMapsKeepTheirData() {
    Unstructured old =
        created("{'kind':'ConfigMap','metadata':{'name':'c'},'immutable':true,'data':{'a':'1'}}");
    Unstructured changed = created("{'kind':'ConfigMap','metadata':{'name':'c'},'data':{'a':'2'}}");
    Unstructured labelled = old.deepCopy();
    labelled.setLabels(java.util.Map.of("x", "y"));

    assertThat(strategy.validateUpdate(labelled, old)).isEmpty();
    assertThat(texts(strategy.validateUpdate(changed, old)))
        .containsExactly(
            "immutable: Forbidden: field is immutable when `immutable` is set",
            "data: Forbidden: field is immutable when `immutable` is set");
  }
}
