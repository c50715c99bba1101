package io.kapi.api.meta;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.codec.ApiCodec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class WireTypesTest {

  private static String json(Object value) {
    return new String(ApiCodec.json().encode(value), UTF_8);
  }

  @Test
  void watchEventsCarryTheObjectTree() {
    ObjectNode pod = JsonNodeFactory.instance.objectNode().put("kind", "Pod");
    assertThat(json(WatchEvent.of(WatchEvent.ADDED, pod)))
        .isEqualTo("{\"type\":\"ADDED\",\"object\":{\"kind\":\"Pod\"}}\n");
    assertThat(WatchEvent.of(WatchEvent.DELETED, pod).object()).isSameAs(pod);
  }

  @Test
  void errorEventCarriesAStatus() {
    WatchEvent event =
        WatchEvent.error(Status.failure(410, StatusReasons.EXPIRED, "too old resource version: 5 (10)"));
    assertThat(json(event))
        .isEqualTo(
            "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":\"too old resource version: 5 (10)\","
                + "\"reason\":\"Expired\",\"code\":410}}\n");
  }

  @Test
  void bookmarksCarryOnlyTheResourceVersionAndOptionalAnnotations() {
    assertThat(json(WatchEvent.bookmark("v1", "Pod", "42", Map.of())))
        .isEqualTo(
            "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\","
                + "\"metadata\":{\"resourceVersion\":\"42\"}}}\n");
    assertThat(
            json(WatchEvent.bookmark(
                "example.com/v1", "Foo", "42", Map.of(ListOptions.INITIAL_EVENTS_ANNOTATION, "true"))))
        .contains("\"annotations\":{\"k8s.io/initial-events-end\":\"true\"}");
  }

  @Test
  void tableAlwaysWritesRowsCellsAndObject() {
    Table empty = Table.of(ListMeta.ofResourceVersion("9"), List.of(TableColumnDefinition.nameColumn()), List.of());
    assertThat(json(empty))
        .isEqualTo(
            "{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":{\"resourceVersion\":\"9\"},"
                + "\"columnDefinitions\":[{\"name\":\"Name\",\"type\":\"string\",\"format\":\"name\","
                + "\"description\":\"The name of the object.\",\"priority\":0}],\"rows\":[]}\n");
    TableRow row = TableRow.of(Arrays.asList("web", null, 3), null);
    assertThat(json(row)).isEqualTo("{\"cells\":[\"web\",null,3],\"object\":null}\n");
    assertThat(json(empty.withoutHeaders())).contains("\"columnDefinitions\":null");
  }

  @Test
  void deleteOptionsAndListOptionsOmitUnset() {
    assertThat(json(DeleteOptions.defaults())).isEqualTo("{}\n");
    assertThat(json(ListOptions.defaults())).isEqualTo("{}\n");
    ListOptions options =
        new ListOptions(null, null, "app=web", null, true, true, "10", ListOptions.MATCH_NOT_OLDER_THAN,
            30L, 500, "tok", true);
    assertThat(json(options))
        .isEqualTo(
            "{\"labelSelector\":\"app=web\",\"watch\":true,\"allowWatchBookmarks\":true,"
                + "\"resourceVersion\":\"10\",\"resourceVersionMatch\":\"NotOlderThan\","
                + "\"timeoutSeconds\":30,\"limit\":500,\"continue\":\"tok\",\"sendInitialEvents\":true}\n");
  }

  @Test
  void statusWithoutTypeMetaDecodesWithDefaults() {
    Status status = ApiCodec.json().decode("{\"status\":\"Success\"}".getBytes(UTF_8), Status.class);
    assertThat(status.kind()).isEqualTo("Status");
    assertThat(status.apiVersion()).isEqualTo("v1");
    assertThat(status.metadata()).isEqualTo(ListMeta.empty());
  }

  @Test
  void typeMetaPeeksAtAnyObject() {
    TypeMeta type =
        ApiCodec.json().decode("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"spec\":{}}".getBytes(UTF_8), TypeMeta.class);
    assertThat(type).isEqualTo(TypeMeta.of("apps/v1", "Deployment"));
    assertThat(json(type)).isEqualTo("{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\"}\n");
  }

  @Test
  void listMetaKeepsAZeroRemainingItemCount() {
    assertThat(json(new ListMeta(null, "5", "", 0L))).isEqualTo("{\"resourceVersion\":\"5\",\"remainingItemCount\":0}\n");
  }
}
