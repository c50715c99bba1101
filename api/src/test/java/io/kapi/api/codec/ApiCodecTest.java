package io.kapi.api.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.discovery.APIGroup;
import io.kapi.api.discovery.APIGroupList;
import io.kapi.api.discovery.APIResourceList;
import io.kapi.api.discovery.APIVersions;
import io.kapi.api.discovery.GroupVersionForDiscovery;
import io.kapi.api.discovery.ServerAddressByClientCIDR;
import io.kapi.api.meta.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiCodecTest {

  @Test
  void statusIsWrittenInUpstreamFieldOrderWithEmptyMetadata() {
    String json = new String(ApiCodec.json().encode(Status.failure(404, "NotFound", "the server could not find the requested resource")), UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"the server could not find the requested resource\",\"reason\":\"NotFound\",\"code\":404}\n");
  }

  @Test
  void prettyJsonLooksLikeGoMarshalIndentWithoutTrailingNewline() {
    String json =
        new String(
            ApiCodec.json()
                .encodePretty(
                    APIVersions.of(
                        List.of("v1"), List.of(new ServerAddressByClientCIDR("0.0.0.0/0", "127.0.0.1:6443")))),
            UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\n  \"kind\": \"APIVersions\",\n  \"versions\": [\n    \"v1\"\n  ],\n"
                + "  \"serverAddressByClientCIDRs\": [\n    {\n      \"clientCIDR\": \"0.0.0.0/0\",\n"
                + "      \"serverAddress\": \"127.0.0.1:6443\"\n    }\n  ]\n}");
  }

  @Test
  void emptyCollectionsArePrettyPrintedCompactly() {
    String json = new String(ApiCodec.json().encodePretty(APIResourceList.of("v1", List.of())), UTF_8);
    assertThat(json).contains("\"resources\": []");
  }

  @Test
  void groupListOmitsKindOfItemsAndCoreResourceListOmitsApiVersion() {
    APIGroupList list =
        APIGroupList.of(List.of(APIGroup.listed("apps", List.of(GroupVersionForDiscovery.of("apps", "v1")))));
    assertThat(new String(ApiCodec.json().encode(list), UTF_8))
        .isEqualTo(
            "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{\"name\":\"apps\",\"versions\":"
                + "[{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}],\"preferredVersion\":"
                + "{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}}]}\n");
    assertThat(new String(ApiCodec.json().encode(APIResourceList.of("v1", List.of())), UTF_8))
        .isEqualTo("{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":[]}\n");
  }

  @Test
  void statusRoundTripsThroughJsonAndYaml() {
    Status status = Status.failure(409, "AlreadyExists", "x");
    assertThat(ApiCodec.json().decode(ApiCodec.json().encode(status), Status.class)).isEqualTo(status);
    assertThat(ApiCodec.yaml().decode(ApiCodec.yaml().encode(status), Status.class)).isEqualTo(status);
  }

  @Test
  void malformedJsonIsADecodeException() {
    assertThatThrownBy(() -> ApiCodec.json().decode("{\"kind\":".getBytes(UTF_8), Status.class))
        .isInstanceOf(DecodeException.class);
  }

  @Test
  void discoveryDocumentsWithMissingListsDecodeAsEmpty() {
    APIResourceList list =
        ApiCodec.json()
            .decode(
                "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":[{\"name\":\"pods\",\"kind\":\"Pod\"}]}"
                    .getBytes(UTF_8),
                APIResourceList.class);
    assertThat(list.resources().get(0).verbs()).isEmpty();
    assertThat(new String(ApiCodec.json().encode(list), UTF_8))
        .isEqualTo(
            "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":[{\"name\":\"pods\","
                + "\"singularName\":\"\",\"namespaced\":false,\"kind\":\"Pod\",\"verbs\":[]}]}\n");
  }
}
