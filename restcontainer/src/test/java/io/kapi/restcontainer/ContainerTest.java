package io.kapi.restcontainer;

import static io.kapi.restcontainer.TestExchanges.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Registration: add, remove and the web service snapshot. */
class ContainerTest {

  private final RecordingErrorWriter errors = new RecordingErrorWriter();
  private final Container container = new Container(errors);

  private static WebService service(String rootPath) {
    return WebService.builder(rootPath)
        .route(Route.builder("GET", "").to(request -> {}).build())
        .build();
  }

  @Test
  void webServicesAreListedInRegistrationOrder() {
    WebService apis = service("/apis");
    WebService api = service("/api");
    WebService core = service("/api/v1");
    container.add(apis);
    container.add(api);
    container.add(core);

    assertThat(container.webServices()).containsExactly(apis, api, core);
  }

  @Test
  void webServicesIsAnImmutableSnapshot() {
    container.add(service("/api"));
    List<WebService> before = container.webServices();

    container.add(service("/apis"));

    assertThat(before).extracting(WebService::rootPath).containsExactly("/api");
    assertThatThrownBy(() -> before.add(service("/x")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void duplicateRootPathFailsNamingIt() {
    container.add(service("/api/v1"));

    assertThatIllegalStateException()
        .isThrownBy(() -> container.add(service("/api/v1")))
        .withMessageContaining("/api/v1");
    assertThat(container.webServices()).hasSize(1);
  }

  @Test
  void removeUnregistersTheWebService() throws Exception {
    container.add(service("/api"));
    container.add(service("/apis"));

    assertThat(container.remove("/api")).isTrue();

    assertThat(container.webServices()).extracting(WebService::rootPath).containsExactly("/apis");
    container.handleRequest(request("GET", "/api"));
    assertThat(errors.last()).isNotNull();
    assertThat(errors.last().kind()).isEqualTo(RouteError.Kind.NOT_FOUND);
  }

  @Test
  void removeOfUnknownRootPathReturnsFalse() {
    container.add(service("/api"));

    assertThat(container.remove("/apis")).isFalse();
    assertThat(container.remove("/api/")).isFalse();
    assertThat(container.webServices()).hasSize(1);
  }

  @Test
  void rootPathCanBeAddedAgainAfterRemoval() {
    container.add(service("/api"));
    container.remove("/api");
    WebService again = service("/api");

    container.add(again);

    assertThat(container.webServices()).containsExactly(again);
  }
}
