package io.kapi.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kapi.api.discovery.APIResource;
import io.kapi.api.discovery.APIResourceList;
import io.kapi.api.discovery.v2.APIVersionDiscovery;
import io.kapi.restcontainer.WebService;
import io.kapi.server.GenericApiServer;
import io.kapi.server.ServerConfig;
import io.kapi.server.discovery.AggregatedDiscovery;
import io.kapi.server.discovery.LegacyDiscovery;
import io.kapi.server.testing.LoopbackHttp;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code kubectl} (when the machine has one) against a server with core/v1 configmaps in
 * discovery and their OpenAPI v3 document: {@code kubectl explain} must find and print the schema,
 * and strict client validation must be satisfied by OpenAPI v3 alone.
 */
class KubectlExplainTest {
  @TempDir Path dir;

  private LoopbackHttp server;
  private Path kubeconfig;

  private static boolean kubectlInstalled() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String entry : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(entry, "kubectl"))) {
        return true;
      }
    }
    return false;
  }

  @BeforeEach
  void start() throws Exception {
    assumeTrue(kubectlInstalled(), "kubectl is not installed");
    GenericApiServer api =
        GenericApiServer.builder("kube-apiserver", ServerConfig.defaults(() -> "127.0.0.1:6443"))
            .build();
    List<APIResource> resources =
        List.of(
            new APIResource(
                "configmaps",
                "configmap",
                true,
                null,
                null,
                "ConfigMap",
                List.of(
                    "create",
                    "delete",
                    "deletecollection",
                    "get",
                    "list",
                    "patch",
                    "update",
                    "watch"),
                List.of("cm"),
                null,
                LegacyDiscovery.storageVersionHash("", "v1", "ConfigMap")));
    api.installWebService(
        WebService.builder("/api/v1")
            .route(LegacyDiscovery.resourceListRoute(() -> APIResourceList.of("v1", resources)))
            .build());
    AggregatedDiscovery core = AggregatedDiscovery.create();
    core.addGroupVersion(
        "", APIVersionDiscovery.current("v1", LegacyDiscovery.toAggregated(resources)));
    api.installWebService(
        core.webService(
            "/api", LegacyDiscovery.apiVersionsHandler(List.of("v1"), () -> "127.0.0.1:6443")));
    AggregatedDiscovery apis = AggregatedDiscovery.create();
    api.installWebService(
        apis.webService("/apis", LegacyDiscovery.apiGroupListHandler(apis::legacyGroupList)));

    OpenApiV3Service openApi = OpenApiV3Service.create();
    openApi.put(
        "api/v1",
        OpenApiDocumentBuilder.builder()
            .webService(UpstreamConfigMaps.webService())
            .schemas(UpstreamConfigMaps.schemas())
            .build());
    openApi.install(api.handler().nonGoRestfulMux());
    OpenApiV2Service.from(openApi).install(api.handler().nonGoRestfulMux());

    server = LoopbackHttp.serve(api.handler().fullHandlerChain());
    kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: kapi
          cluster:
            server: http://127.0.0.1:%d
        contexts:
        - name: kapi
          context:
            cluster: kapi
            user: kapi
        current-context: kapi
        users:
        - name: kapi
          user: {}
        """
            .formatted(server.port()));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String kubectl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("kubectl"));
    command.addAll(List.of(args));
    command.addAll(List.of("--kubeconfig", kubeconfig.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("HOME", dir.toString());
    builder.environment().put("KUBECACHEDIR", dir.resolve("cache").toString());
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl did not finish within 60 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void kubectlExplainPrintsTheFieldFromTheOpenApiV3Document() throws Exception {
    String output = kubectl("explain", "configmap.data");
    assertThat(output)
        .contains("KIND:       ConfigMap")
        .contains("VERSION:    v1")
        .contains("FIELD: data <map[string]string>")
        .contains("Data contains the configuration data.");
  }

  @Test
  void kubectlValidationFindsServerSideFieldValidationInTheV3Document() throws Exception {
    Path manifest = dir.resolve("cm.yaml");
    Files.writeString(
        manifest,
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: demo
        data:
          key: value
        """);
    // strict validation asks OpenAPI v3 whether the server validates fields (a patch operation of
    // the kind with a fieldValidation parameter); without that it would fetch /openapi/v2 as
    // protobuf, get 406 and fail
    String output =
        kubectl(
            "create",
            "-f",
            manifest.toString(),
            "--dry-run=client",
            "--validate=strict",
            "-o",
            "name");
    assertThat(output).contains("configmap/demo");
  }

  @Test
  void kubectlExplainOfTheKindListsItsFields() throws Exception {
    String output = kubectl("explain", "cm");
    assertThat(output)
        .contains("KIND:       ConfigMap")
        .contains("ConfigMap holds configuration data for pods to consume.")
        .contains("binaryData\t<map[string]string>")
        .contains("metadata\t<ObjectMeta>");
  }
}
