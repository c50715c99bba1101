package io.kapi.server.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.codec.ApiCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Bodies captured from kubectl 1.32 ({@code kubectl create configmap|secret generic|namespace|
 * serviceaccount}) decode to what the same kubectl sends as JSON.
 */
class KubectlBodiesTest {
  static byte[] fixture(String name) throws IOException {
    try (InputStream in = KubectlBodiesTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing fixture " + name);
      }
      return in.readAllBytes();
    }
  }

  private static String decoded(String fixture) throws IOException {
    return new String(
            ApiCodec.json().encode(KubernetesProtobuf.decode(fixture(fixture)).object()),
            StandardCharsets.UTF_8)
        .trim();
  }

  @Test
  void createConfigMap() throws IOException {
    // kubectl create configmap cap-cm --from-literal=greeting=hello --from-literal=empty=
    assertThat(decoded("kubectl-create-configmap.bin"))
        .isEqualTo(
            "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"cap-cm\"},\"data\":{\"empty\":\"\",\"greeting\":\"hello\"}}");
  }

  @Test
  void createSecretGeneric() throws IOException {
    // kubectl create secret generic cap-secret --from-file=blob=<61 00 ff 62> --from-literal=user=admin
    assertThat(decoded("kubectl-create-secret-generic.bin"))
        .isEqualTo(
            "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"cap-secret\"},\"data\":{\"blob\":\"YQD/Yg==\",\"user\":\"YWRtaW4=\"}}");
  }

  @Test
  void createNamespace() throws IOException {
    assertThat(decoded("kubectl-create-namespace.bin"))
        .isEqualTo(
            "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"cap-ns\"},\"spec\":{},\"status\":{}}");
  }

  @Test
  void createServiceAccount() throws IOException {
    assertThat(decoded("kubectl-create-serviceaccount.bin"))
        .isEqualTo(
            "{\"kind\":\"ServiceAccount\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"cap-sa\"}}");
  }
}
