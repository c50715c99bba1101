package io.kapi.restcontainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class WebServiceTest {

  private static Route route(String method, String template) {
    return Route.builder(method, template).to(request -> {}).build();
  }

  @Test
  void keepsRoutesInOrder() {
    Route list = route("GET", "/pods");
    Route get = route("GET", "/pods/{name}");
    WebService service =
        WebService.builder("/api/v1").documentation("core").route(list).route(get).build();

    assertThat(service.rootPath()).isEqualTo("/api/v1");
    assertThat(service.documentation()).isEqualTo("core");
    assertThat(service.routes()).containsExactly(list, get);
  }

  @Test
  void rootPathMayBeSlash() {
    assertThat(WebService.builder("/").build().rootPath()).isEqualTo("/");
  }

  @Test
  void rootPathMustBeLiteralAndWellFormed() {
    assertThatIllegalArgumentException().isThrownBy(() -> WebService.builder(""));
    assertThatIllegalArgumentException().isThrownBy(() -> WebService.builder("api"));
    assertThatIllegalArgumentException().isThrownBy(() -> WebService.builder("/api/"));
    assertThatIllegalArgumentException().isThrownBy(() -> WebService.builder("/api//v1"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WebService.builder("/apis/{group}"))
        .withMessageContaining("/apis/{group}");
  }

  @Test
  void sameMethodAndTemplateTwiceFails() {
    WebService.Builder builder =
        WebService.builder("/api/v1").route(route("GET", "/pods")).route(route("GET", "/pods"));

    assertThatIllegalArgumentException()
        .isThrownBy(builder::build)
        .withMessageContaining("/api/v1")
        .withMessageContaining("GET /pods");
  }

  @Test
  void templatesDifferingOnlyInParameterNamesClash() {
    WebService.Builder builder =
        WebService.builder("/api/v1")
            .route(route("GET", "/namespaces/{namespace}"))
            .route(route("GET", "/namespaces/{name}"));

    assertThatIllegalArgumentException()
        .isThrownBy(builder::build)
        .withMessageContaining("{name}")
        .withMessageContaining("{namespace}");
  }

  @Test
  void emptyAndSlashTemplatesClash() {
    WebService.Builder builder =
        WebService.builder("/api").route(route("GET", "")).route(route("GET", "/"));

    assertThatIllegalArgumentException().isThrownBy(builder::build);
  }

  @Test
  void sameTemplateWithOtherMethodsIsFine() {
    WebService service =
        WebService.builder("/api/v1")
            .route(route("GET", "/pods/{name}"))
            .route(route("PUT", "/pods/{name}"))
            .route(route("DELETE", "/pods/{name}"))
            .build();

    assertThat(service.routes()).hasSize(3);
  }
}
