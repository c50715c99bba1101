package io.kapi.api.schema;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.codec.DecodeException;
import io.kapi.api.meta.DeleteOptions;
import io.kapi.api.meta.Status;
import io.kapi.api.meta.Table;
import org.junit.jupiter.api.Test;

class SchemeTest {
  private static final GroupVersionKind STATUS = GroupVersionKind.of("", "v1", "Status");
  private static final GroupVersionKind META_STATUS = GroupVersionKind.of("meta.k8s.io", "v1", "Status");

  private final Scheme scheme =
      Scheme.builder()
          .register(STATUS, Status.class)
          .register(META_STATUS, Status.class)
          .register(GroupVersion.of("meta.k8s.io", "v1"), Table.class, DeleteOptions.class)
          .build();

  @Test
  void looksUpBothWays() {
    assertThat(scheme.typeFor(STATUS)).contains(Status.class);
    assertThat(scheme.typeFor(GroupVersionKind.of("meta.k8s.io", "v1", "Table"))).contains(Table.class);
    assertThat(scheme.typeFor(GroupVersionKind.of("", "v1", "Pod"))).isEmpty();
    assertThat(scheme.kindsFor(Status.class)).containsExactly(STATUS, META_STATUS);
    assertThat(scheme.kindFor(DeleteOptions.class))
        .isEqualTo(GroupVersionKind.of("meta.k8s.io", "v1", "DeleteOptions"));
    assertThat(scheme.kindsFor(String.class)).isEmpty();
    assertThat(scheme.recognizes(STATUS)).isTrue();
    assertThat(scheme.knownKinds()).hasSize(4);
  }

  @Test
  void duplicateKindsFailAtBuildTime() {
    Scheme.Builder builder = Scheme.builder().register(STATUS, Status.class);
    assertThatThrownBy(() -> builder.register(STATUS, Table.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "kind /v1, Kind=Status is already registered to io.kapi.api.meta.Status; cannot register"
                + " it to io.kapi.api.meta.Table");
  }

  @Test
  void kindsNeedVersionAndName() {
    assertThatThrownBy(() -> Scheme.builder().register(GroupVersionKind.of("a", "", "X"), Status.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kind a/, Kind=X has an empty version");
    assertThatThrownBy(() -> Scheme.builder().register(GroupVersionKind.of("a", "v1", ""), Status.class))
        .hasMessage("kind a/v1, Kind= has an empty kind");
  }

  @Test
  void unregisteredTypeHasNoKind() {
    assertThatThrownBy(() -> scheme.kindFor(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("java.lang.String is not registered in scheme kapi");
  }

  @Test
  void decodesByApiVersionAndKind() {
    Object decoded =
        scheme.decode(
            ApiCodec.json(),
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":404}".getBytes(UTF_8));
    assertThat(decoded).isInstanceOf(Status.class);
    assertThat(((Status) decoded).code()).isEqualTo(404);
  }

  @Test
  void decodeReportsMissingAndUnknownKindsWithUpstreamMessages() {
    assertThatThrownBy(() -> scheme.decode(ApiCodec.json(), "{\"apiVersion\":\"v1\"}".getBytes(UTF_8)))
        .isInstanceOf(DecodeException.class)
        .hasMessage("Object 'Kind' is missing in '{\"apiVersion\":\"v1\"}'");
    assertThatThrownBy(() -> scheme.decode(ApiCodec.json(), "{\"kind\":\"Status\"}".getBytes(UTF_8)))
        .hasMessage("Object 'apiVersion' is missing in '{\"kind\":\"Status\"}'");
    assertThatThrownBy(
            () -> scheme.decode(ApiCodec.json(), "{\"kind\":\"Foo\",\"apiVersion\":\"example.com/v1\"}".getBytes(UTF_8)))
        .hasMessage("no kind \"Foo\" is registered for version \"example.com/v1\" in scheme \"kapi\"");
  }
}
