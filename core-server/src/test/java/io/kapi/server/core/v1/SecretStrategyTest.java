package io.kapi.server.core.v1;

import static io.kapi.server.core.v1.Objects.json;
import static io.kapi.server.core.v1.Objects.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.errors.ApiException;
import io.kapi.api.unstructured.Unstructured;
import org.junit.jupiter.api.Test;

class SecretStrategyTest {
  private final SecretStrategy strategy = new SecretStrategy();

  private Unstructured created(String singleQuotedJson) {
    Unstructured secret = json(singleQuotedJson);
    strategy.prepareForCreate(secret);
    return secret;
  }

  @Test
  void stringDataIsFoldedIntoDataAndWins() {
    Unstructured secret =
        created(
            "{'kind':'Secret','metadata':{'name':'s'},'data':{'user':'YWRtaW4=','pass':'b2xk'},"
                + "'stringData':{'pass':'s3cr\u00e9t','token':'abc'}}");

    assertThat(secret.getNested("stringData")).isNull();
    assertThat(secret.getNested("data").propertyNames()).containsExactly("pass", "token", "user");
    assertThat(secret.getNestedString("data", "pass")).isEqualTo("czNjcsOpdA==");
    assertThat(secret.getNestedString("data", "token")).isEqualTo("YWJj");
    assertThat(secret.getNestedString("data", "user")).isEqualTo("YWRtaW4=");
    assertThat(secret.getNestedString("type")).isEqualTo("Opaque");
    assertThat(strategy.validate(secret)).isEmpty();
  }

  @Test
  void dataMustBeBase64() {
    Unstructured secret = json("{'kind':'Secret','metadata':{'name':'s'},'data':{'k':'YWJj=='}}");

    assertThatThrownBy(() -> strategy.prepareForCreate(secret))
        .isInstanceOf(ApiException.class)
        .hasMessage(
            "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input"
                + " byte 4");
  }

  @Test
  void keysAndSizeAreChecked() {
    Unstructured secret =
        created("{'kind':'Secret','metadata':{'name':'s'},'stringData':{'bad/key':'x'}}");
    Unstructured big = created("{'kind':'Secret','metadata':{'name':'s'},'stringData':{}}");
    big.setNested(
        Trees.NODES.stringNode(GoBase64.encode(new byte[1024 * 1024 + 1])), "data", "blob");

    assertThat(texts(strategy.validate(secret)))
        .containsExactly(
            "data[bad/key]: Invalid value: \"bad/key\": a valid config key must consist of"
                + " alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME', "
                + " or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
    assertThat(texts(strategy.validate(big)))
        .containsExactly("data: Too long: may not be more than 1048576 bytes");
  }

  @Test
  void wellKnownTypesRequireTheirKeys() {
    assertThat(
            texts(
                strategy.validate(
                    created(
                        "{'kind':'Secret','metadata':{'name':'s'},'type':'kubernetes.io/tls',"
                            + "'stringData':{'tls.crt':'c'}}"))))
        .containsExactly("data[tls.key]: Required value");
    assertThat(
            texts(
                strategy.validate(
                    created(
                        "{'kind':'Secret','metadata':{'name':'s'},"
                            + "'type':'kubernetes.io/service-account-token'}"))))
        .containsExactly(
            "metadata.annotations[kubernetes.io/service-account.name]: Required value");
    assertThat(
            texts(
                strategy.validate(
                    created(
                        "{'kind':'Secret','metadata':{'name':'s'},'type':'kubernetes.io/basic-auth'}"))))
        .containsExactly("data[username]: Required value", "data[password]: Required value");
    assertThat(
            texts(
                strategy.validate(
                    created(
                        "{'kind':'Secret','metadata':{'name':'s'},"
                            + "'type':'kubernetes.io/dockerconfigjson',"
                            + "'stringData':{'.dockerconfigjson':'[1]'}}"))))
        .containsExactly(
            "data[.dockerconfigjson]: Invalid value: \"<secret contents redacted>\": json: cannot"
                + " unmarshal array into Go value of type map[string]interface {}");
  }

  @Test
  void typeNeverChanges() {
    Unstructured old = created("{'kind':'Secret','metadata':{'name':'s'}}");
    Unstructured tls =
        created(
            "{'kind':'Secret','metadata':{'name':'s'},'type':'kubernetes.io/tls',"
                + "'stringData':{'tls.crt':'c','tls.key':'k'}}");
    Unstructured untyped = json("{'kind':'Secret','metadata':{'name':'s'}}");
    strategy.prepareForUpdate(untyped, old);

    assertThat(strategy.validateUpdate(untyped, old)).isEmpty();
    assertThat(texts(strategy.validateUpdate(tls, old)))
        .containsExactly("type: Invalid value: \"kubernetes.io/tls\": field is immutable");
  }

  @Test
  void immutableSecretsKeepTheirData() {
    Unstructured old =
        created(
            "{'kind':'Secret','metadata':{'name':'s'},'immutable':true,'stringData':{'a':'1'}}");
    Unstructured changed =
        created(
            "{'kind':'Secret','metadata':{'name':'s'},'immutable':true,'stringData':{'a':'2'}}");

    assertThat(texts(strategy.validateUpdate(changed, old)))
        .containsExactly("data: Forbidden: field is immutable when `immutable` is set");
  }
}
