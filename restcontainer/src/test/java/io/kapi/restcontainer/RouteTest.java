package io.kapi.restcontainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTest {

  private static final RouteHandler NOTHING = request -> {};

  @Test
  void keepsWhatWasBuilt() {
    Object readType = new Object();
    Object writeType = new Object();
    Route route =
        Route.builder("PUT", "/namespaces/{namespace}/configmaps/{name}")
            .to(NOTHING)
            .consumes("application/json", "application/yaml")
            .produces("application/json;stream=watch")
            .operationId("replaceConfigMap")
            .doc("replace the specified ConfigMap")
            .param(Parameter.path("namespace", "object name and auth scope"))
            .param(Parameter.query("dryRun", "dry run"))
            .reads(readType)
            .writes(writeType)
            .build();

    assertThat(route.method()).isEqualTo("PUT");
    assertThat(route.pathTemplate()).isEqualTo("/namespaces/{namespace}/configmaps/{name}");
    assertThat(route.consumes()).containsExactly("application/json", "application/yaml");
    assertThat(route.produces()).containsExactly("application/json;stream=watch");
    assertThat(route.operationId()).isEqualTo("replaceConfigMap");
    assertThat(route.documentation()).isEqualTo("replace the specified ConfigMap");
    assertThat(route.parameters()).extracting(Parameter::name).containsExactly("namespace", "dryRun");
    assertThat(route.handler()).isSameAs(NOTHING);
    assertThat(route.readType()).isSameAs(readType);
    assertThat(route.writeType()).isSameAs(writeType);
    assertThat(route).hasToString("PUT /namespaces/{namespace}/configmaps/{name}");
  }

  @Test
  void defaultsAreEmpty() {
    Route route = Route.builder("GET", "").to(NOTHING).build();

    assertThat(route.consumes()).isEmpty();
    assertThat(route.produces()).isEmpty();
    assertThat(route.operationId()).isEmpty();
    assertThat(route.documentation()).isEmpty();
    assertThat(route.parameters()).isEmpty();
    assertThat(route.readType()).isNull();
    assertThat(route.writeType()).isNull();
  }

  @Test
  void listsAreImmutable() {
    Route route = Route.builder("GET", "/x").to(NOTHING).produces("text/plain").build();

    assertThatThrownBy(() -> route.produces().add("a/b"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void buildWithoutHandlerFails() {
    assertThatIllegalStateException()
        .isThrownBy(() -> Route.builder("GET", "/pods").build())
        .withMessageContaining("GET /pods");
  }

  @Test
  void methodMustBeAToken() {
    assertThatIllegalArgumentException().isThrownBy(() -> Route.builder("", "/x"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Route.builder("GE T", "/x"))
        .withMessageContaining("GE T");
  }

  @Test
  void malformedTemplateFailsAtBuilder() {
    assertThatIllegalArgumentException().isThrownBy(() -> Route.builder("GET", "pods"));
  }

  @Test
  void mediaTypesMustBeTypeSlashSubtype() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Route.builder("GET", "/x").produces("json"))
        .withMessageContaining("json");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Route.builder("POST", "/x").consumes("application/"));
  }

  @Test
  void pathParameterMustBeInTemplate() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> Route.builder("GET", "/pods/{name}").param(Parameter.path("namespace", "")))
        .withMessageContaining("namespace");
  }

  @Test
  void sameParameterTwiceFails() {
    Route.Builder builder =
        Route.builder("GET", "/pods").param(Parameter.query("watch", "watch for changes"));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.param(Parameter.query("watch", "again")))
        .withMessageContaining("watch");
  }

  @Test
  void sameNameOfAnotherKindIsAllowed() {
    Route route =
        Route.builder("GET", "/pods/{name}")
            .to(NOTHING)
            .param(Parameter.path("name", "pod name"))
            .param(Parameter.query("name", "a query parameter with the same name"))
            .build();

    assertThat(route.parameters()).hasSize(2);
  }

  @Test
  void routeErrorStatusMustMatchKind() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RouteError(404, RouteError.Kind.METHOD_NOT_ALLOWED, List.of()));
    assertThat(RouteError.of(RouteError.Kind.NOT_ACCEPTABLE, List.of()).statusCode())
        .isEqualTo(406);
  }
}
