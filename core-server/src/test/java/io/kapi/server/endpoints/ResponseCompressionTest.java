package io.kapi.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upstream's response compression over real HTTP: large bodies gzip-encoded when asked. */
class ResponseCompressionTest {
  private static final String WIDGETS = "/apis/example.com/v1/namespaces/default/widgets";

  private TestApi api;

  @BeforeEach
  void start() throws Exception {
    api = TestApi.start();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void listOver128KiBIsGzippedWhenTheClientAcceptsGzip() throws Exception {
    String color = "c".repeat(1_000);
    for (int i = 0; i < 200; i++) {
      api.createWidget("default", "w" + i, color);
    }
    HttpResponse<byte[]> plain = get(WIDGETS, null);

    HttpResponse<byte[]> gzipped = get(WIDGETS, "gzip, deflate");

    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(plain.body().length).isGreaterThan(128 * 1024);
    assertThat(gzipped.statusCode()).isEqualTo(200);
    assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
    assertThat(gzipped.headers().allValues("Vary")).contains("Accept-Encoding");
    assertThat(gzipped.headers().firstValueAsLong("Content-Length").getAsLong())
        .isEqualTo(gzipped.body().length);
    assertThat(gzipped.body().length).isLessThan(plain.body().length / 10);
    assertThat(gunzip(gzipped.body())).isEqualTo(plain.body());
  }

  @Test
  void smallResponsesAndOtherEncodingsStayUncompressed() throws Exception {
    api.createWidget("default", "a", "red");

    HttpResponse<byte[]> small = get(WIDGETS, "gzip");
    HttpResponse<byte[]> qualified = get(WIDGETS + "/a", "br, gzip;q=0.5");

    assertThat(small.statusCode()).isEqualTo(200);
    assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(new String(small.body())).startsWith("{\"apiVersion\":\"example.com/v1\"");
    assertThat(qualified.headers().firstValue("Content-Encoding")).isEmpty();
  }

  private HttpResponse<byte[]> get(String path, String acceptEncoding) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.uri(path)).timeout(Duration.ofSeconds(20)).GET();
    if (acceptEncoding != null) {
      request.header("Accept-Encoding", acceptEncoding);
    }
    return api.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gunzip(byte[] gzipped) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    }
  }
}
