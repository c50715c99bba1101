package io.kapi.server.protobuf;

import static io.kapi.server.protobuf.ProtoWriter.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.core.v1.CoreV1;
import io.kapi.server.registry.ResourceDefinition;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class KubernetesProtobufTest {
  /** ObjectMeta as Go's generated marshaller writes it: every non-pointer field, empty or not. */
  private static Consumer<ProtoWriter> meta(String name, String namespace) {
    return m -> m.string(1, name)
        .string(2, "")
        .string(3, namespace)
        .string(4, "")
        .string(5, "")
        .string(6, "")
        .varint(7, 0)
        .message(8, t -> {});
  }

  private static String json(Unstructured object) {
    return new String(ApiCodec.json().encode(object.object()), StandardCharsets.UTF_8).trim();
  }

  @Test
  void configMapDecodesToTheTreeAJsonClientSends() {
    byte[] body =
        envelope("v1", "ConfigMap", cm -> cm.message(1, meta("settings", "default"))
            .entry(2, "zeta", "last")
            .entry(2, "alpha", "first")
            .bool(4, false));

    Unstructured object = KubernetesProtobuf.decode(body);

    assertThat(json(object))
        .isEqualTo(
            "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"settings\","
                + "\"namespace\":\"default\"},\"immutable\":false,"
                + "\"data\":{\"alpha\":\"first\",\"zeta\":\"last\"}}");
  }

  @Test
  void secretBytesBecomeBase64AndEmptyStringsAreOmitted() {
    byte[] body =
        envelope("v1", "Secret", s -> s.message(1, meta("creds", ""))
            .message(2, e -> e.string(1, "key").bytes(2, new byte[] {0, (byte) 0xff, 'a'}))
            .message(2, e -> e.string(1, "empty"))
            .string(3, "Opaque"));

    Unstructured object = KubernetesProtobuf.decode(body);

    assertThat(json(object))
        .isEqualTo(
            "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"creds\"},\"data\":{\"empty\":\"\",\"key\":\"AP9h\"},"
                + "\"type\":\"Opaque\"}");
  }

  @Test
  void configMapBinaryDataIsBase64() {
    byte[] body =
        envelope("v1", "ConfigMap", cm -> cm.message(1, meta("bin", ""))
            .message(3, e -> e.string(1, "blob").bytes(2, new byte[] {1, 2, 3, 4})));

    assertThat(KubernetesProtobuf.decode(body).object().path("binaryData").path("blob").asString())
        .isEqualTo("AQIDBA==");
  }

  @Test
  void namespaceKeepsEmptyStructsAndRepeatedStrings() {
    byte[] body =
        envelope("v1", "Namespace", ns -> ns.message(1, meta("team-a", ""))
            .message(2, spec -> spec.string(1, "kubernetes").string(1, "example.com/cleanup"))
            .message(3, status -> status.string(1, "")));

    assertThat(json(KubernetesProtobuf.decode(body)))
        .isEqualTo(
            "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"team-a\"},\"spec\":{\"finalizers\":[\"kubernetes\","
                + "\"example.com/cleanup\"]},\"status\":{}}");
  }

  @Test
  void podDecodesNestedContainersQuantitiesProbesAndPointerZeros() {
    Consumer<ProtoWriter> container =
        c -> c.string(1, "web")
            .string(2, "nginx:1.27")
            .string(3, "nginx")
            .string(3, "-g")
            .string(5, "")
            .message(6, p -> p.string(1, "http").varint(2, 0).varint(3, 80).string(4, "TCP").string(5, ""))
            .message(6, p -> p.string(1, "").varint(2, 0).varint(3, 443).string(4, "TCP").string(5, ""))
            .message(8, r -> r.message(1, e -> e.string(1, "cpu").message(2, q -> q.string(1, "500m")))
                .message(1, e -> e.string(1, "memory").message(2, q -> q.string(1, "1Gi")))
                .message(2, e -> e.string(1, "cpu").message(2, q -> q.string(1, "250m"))))
            .message(10, probe -> probe
                .message(1, h -> h.message(2, get -> get.string(1, "/healthz")
                    .message(2, port -> port.varint(1, 1).varint(2, 0).string(3, "http"))
                    .string(3, "")
                    .string(4, "HTTP")))
                .varint(2, 5)
                .varint(3, 0)
                .varint(7, 0))
            .message(11, probe -> probe
                .message(1, h -> h.message(3, tcp -> tcp
                    .message(1, port -> port.varint(1, 0).varint(2, 8080).string(3, ""))
                    .string(2, ""))))
            .string(13, "/dev/termination-log")
            .bool(16, false);
    byte[] body =
        envelope("v1", "Pod", pod -> pod.message(1, meta("web-0", "default"))
            .message(2, spec -> spec
                .message(1, v -> v.string(1, "cache")
                    .message(2, src -> src.message(2, dir -> dir.string(1, "Memory")
                        .message(2, q -> q.string(1, "64Mi")))))
                .message(2, container)
                .string(3, "Always")
                .varint(4, 0)
                .message(14, sc -> sc.varint(2, 1000).packed(4, 1, 2).varint(4, 3).bool(3, true))
                .bool(11, false))
            .message(3, status -> {}));

    assertThat(json(KubernetesProtobuf.decode(body)))
        .isEqualTo(
            "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web-0\","
                + "\"namespace\":\"default\"},\"spec\":{"
                + "\"volumes\":[{\"name\":\"cache\",\"emptyDir\":{\"medium\":\"Memory\","
                + "\"sizeLimit\":\"64Mi\"}}],"
                + "\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\","
                + "\"command\":[\"nginx\",\"-g\"],"
                + "\"ports\":[{\"name\":\"http\",\"containerPort\":80,\"protocol\":\"TCP\"},"
                + "{\"containerPort\":443,\"protocol\":\"TCP\"}],"
                + "\"resources\":{\"limits\":{\"cpu\":\"500m\",\"memory\":\"1Gi\"},"
                + "\"requests\":{\"cpu\":\"250m\"}},"
                + "\"livenessProbe\":{\"httpGet\":{\"path\":\"/healthz\",\"port\":\"http\","
                + "\"scheme\":\"HTTP\"},\"initialDelaySeconds\":5,\"terminationGracePeriodSeconds\":0},"
                + "\"readinessProbe\":{\"tcpSocket\":{\"port\":8080}},"
                + "\"terminationMessagePath\":\"/dev/termination-log\"}],"
                + "\"restartPolicy\":\"Always\",\"terminationGracePeriodSeconds\":0,"
                + "\"securityContext\":{\"runAsUser\":1000,\"runAsNonRoot\":true,"
                + "\"supplementalGroups\":[1,2,3]}},\"status\":{}}");
  }

  @Test
  void timesAreRfc3339AndManagedFieldsHoldJson() {
    byte[] body =
        envelope("v1", "ConfigMap", cm -> cm.message(1, m -> m.string(1, "x")
            .message(8, t -> t.varint(1, 1_704_103_200L).varint(2, 500_000_000))
            .message(9, t -> t.varint(1, 1_704_103_260L))
            .varint(10, 0)
            .message(17, f -> f.string(1, "kubectl-create")
                .string(2, "Update")
                .string(3, "v1")
                .message(4, t -> t.varint(1, 1_704_103_200L))
                .string(6, "FieldsV1")
                .message(7, raw -> raw.string(1, "{\"f:data\":{\".\":{},\"f:a\":{}}}")))));

    assertThat(json(KubernetesProtobuf.decode(body)))
        .isEqualTo(
            "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\","
                + "\"creationTimestamp\":\"2024-01-01T10:00:00Z\","
                + "\"deletionTimestamp\":\"2024-01-01T10:01:00Z\",\"deletionGracePeriodSeconds\":0,"
                + "\"managedFields\":[{\"manager\":\"kubectl-create\",\"operation\":\"Update\","
                + "\"apiVersion\":\"v1\",\"time\":\"2024-01-01T10:00:00Z\",\"fieldsType\":\"FieldsV1\","
                + "\"fieldsV1\":{\"f:data\":{\".\":{},\"f:a\":{}}}}]}}");
  }

  @Test
  void microTimeKeepsMicroseconds() {
    byte[] body =
        envelope("v1", "Event", ev -> ev.message(1, meta("e", "default"))
            .message(10, t -> t.varint(1, 1_704_103_200L).varint(2, 123_456_789)));

    assertThat(KubernetesProtobuf.decode(body).object().path("eventTime").asString())
        .isEqualTo("2024-01-01T10:00:00.123456Z");
  }

  @Test
  void deleteOptionsDecodeInAnyGroupVersion() {
    Consumer<ProtoWriter> options =
        o -> o.varint(1, 0)
            .message(2, p -> p.string(1, "uid-1"))
            .string(4, "Background")
            .string(5, "All");

    Unstructured core = KubernetesProtobuf.decode(envelope("v1", "DeleteOptions", options));
    Unstructured apps = KubernetesProtobuf.decode(envelope("apps/v1", "DeleteOptions", options));

    assertThat(json(core))
        .isEqualTo(
            "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"gracePeriodSeconds\":0,"
                + "\"preconditions\":{\"uid\":\"uid-1\"},\"propagationPolicy\":\"Background\","
                + "\"dryRun\":[\"All\"]}");
    assertThat(apps.getApiVersion()).isEqualTo("apps/v1");
    assertThat(apps.object().path("propagationPolicy").asString()).isEqualTo("Background");
  }

  @Test
  void unknownFieldsAreSkipped() {
    byte[] body =
        envelope("v1", "ConfigMap", cm -> cm.message(1, meta("x", ""))
            .varint(99, 7)
            .string(98, "ignored")
            .tag(97, 1).raw(new byte[8])
            .tag(96, 5).raw(new byte[4])
            .entry(2, "a", "b"));

    assertThat(json(KubernetesProtobuf.decode(body)))
        .isEqualTo(
            "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"},\"data\":{\"a\":\"b\"}}");
  }

  @Test
  void missingMagicIsRejected() {
    byte[] json = "{\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> KubernetesProtobuf.decode(json))
        .isInstanceOf(ProtobufDecodeException.class)
        .hasMessage(
            "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]")
        .satisfies(e -> assertThat(((ProtobufDecodeException) e).kind()).isNull());
  }

  @Test
  void truncatedVarintInTheObjectIsUnexpectedEofForItsKind() {
    // field 7 (varint) whose only byte has the continuation bit set
    byte[] bad = envelope("v1", "ConfigMap", cm -> cm.raw(new byte[] {0x38, (byte) 0x80}));

    assertThatThrownBy(() -> KubernetesProtobuf.decode(bad))
        .isInstanceOf(ProtobufDecodeException.class)
        .hasMessage("unexpected EOF")
        .satisfies(e -> assertThat(((ProtobufDecodeException) e).kind()).isEqualTo("ConfigMap"));
  }

  @Test
  void truncatedEnvelopeIsUnexpectedEofWithoutAKind() {
    byte[] body = envelope("v1", "ConfigMap", cm -> cm.message(1, meta("x", "")));
    byte[] truncated = Arrays.copyOf(body, body.length - 10);

    assertThatThrownBy(() -> KubernetesProtobuf.decode(truncated))
        .isInstanceOf(ProtobufDecodeException.class)
        .hasMessage("unexpected EOF")
        .satisfies(e -> assertThat(((ProtobufDecodeException) e).kind()).isNull());
  }

  @Test
  void lengthBeyondTheBodyIsUnexpectedEof() {
    byte[] bad = envelope("v1", "ConfigMap", cm -> cm.tag(1, 2).varintRaw(50).raw(new byte[] {1, 2}));

    assertThatThrownBy(() -> KubernetesProtobuf.decode(bad)).hasMessage("unexpected EOF");
  }

  @Test
  void wrongWireTypeNamesTheField() {
    byte[] bad = envelope("v1", "ConfigMap", cm -> cm.message(1, m -> m.varint(1, 5)));

    assertThatThrownBy(() -> KubernetesProtobuf.decode(bad))
        .isInstanceOf(ProtobufDecodeException.class)
        .hasMessage("proto: wrong wireType = 0 for field Name");
  }

  @Test
  void kindWithoutATableIsUnregistered() {
    byte[] body = envelope("example.com/v1", "Widget", w -> w.string(1, "x"));

    assertThatThrownBy(() -> KubernetesProtobuf.decode(body))
        .isInstanceOf(ProtobufDecodeException.class)
        .hasMessage("no kind \"Widget\" is registered for version \"example.com/v1\"")
        .satisfies(e -> {
          ProtobufDecodeException p = (ProtobufDecodeException) e;
          assertThat(p.unregisteredKind()).isTrue();
          assertThat(p.kind()).isEqualTo("Widget");
          assertThat(p.apiVersion()).isEqualTo("example.com/v1");
        });
  }

  @Test
  void missingKindIsRejected() {
    byte[] body = envelope("v1", "", w -> {});

    assertThatThrownBy(() -> KubernetesProtobuf.decode(body))
        .hasMessage("Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:\"v1\", Kind:\"\"}'");
  }

  @Test
  void fieldNumberZeroIsAnIllegalTag() {
    byte[] bad = envelope("v1", "ConfigMap", cm -> cm.varint(0, 1));

    assertThatThrownBy(() -> KubernetesProtobuf.decode(bad))
        .hasMessage("proto: ConfigMap: illegal tag 0 (wire type 0)");
  }

  @Test
  void overlongVarintIsAnOverflow() {
    byte[] tenContinuations = new byte[11];
    Arrays.fill(tenContinuations, (byte) 0x80);
    byte[] bad = envelope("v1", "ConfigMap", cm -> cm.tag(7, 0).raw(tenContinuations));

    assertThatThrownBy(() -> KubernetesProtobuf.decode(bad)).hasMessage("proto: integer overflow");
  }

  @Test
  void everyKindOfTheCoreGroupHasATable() {
    for (ResourceDefinition resource : CoreV1.apiGroupInfo().resources("v1")) {
      assertThat(KubernetesProtobuf.supports("v1", resource.kind())).as(resource.kind()).isTrue();
    }
  }

  @Test
  void supportsCoreKindsOnly() {
    assertThat(KubernetesProtobuf.supports("v1", "ConfigMap")).isTrue();
    assertThat(KubernetesProtobuf.supports("v1", "Pod")).isTrue();
    assertThat(KubernetesProtobuf.supports("v1", "ServiceAccount")).isTrue();
    assertThat(KubernetesProtobuf.supports("v1", "Widget")).isFalse();
    assertThat(KubernetesProtobuf.supports("example.com/v1", "ConfigMap")).isFalse();
  }
}
