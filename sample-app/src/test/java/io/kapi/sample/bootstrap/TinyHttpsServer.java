package io.kapi.sample.bootstrap;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.xnio.Options;
import org.xnio.SslClientAuthMode;

/**
 * A real Undertow HTTPS listener on 127.0.0.1 and an ephemeral port, set up the way the sample
 * server is: the bootstrap's SSLContext and client certificates requested (wanted, not needed).
 */
final class TinyHttpsServer implements AutoCloseable {
  private final Undertow undertow;
  private final int port;

  TinyHttpsServer(SSLContext sslContext, HttpHandler handler) {
    undertow =
        Undertow.builder()
            .addHttpsListener(0, "127.0.0.1", sslContext)
            .setSocketOption(Options.SSL_CLIENT_AUTH_MODE, SslClientAuthMode.REQUESTED)
            .setIoThreads(1)
            .setWorkerThreads(2)
            .setHandler(handler)
            .build();
    undertow.start();
    port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  int port() {
    return port;
  }

  /** An HTTP/1.1 client that trusts only {@code ca} and presents {@code identity} if given. */
  static HttpClient client(X509Certificate ca, @Nullable KeyAndCertificate identity)
      throws Exception {
    KeyStore trustStore = KeyStore.getInstance("PKCS12");
    trustStore.load(null, null);
    trustStore.setCertificateEntry("ca", ca);
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trustStore);
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    char[] password = "test".toCharArray();
    if (identity != null) {
      keyStore.setKeyEntry(
          "identity", identity.key(), password, new X509Certificate[] {identity.certificate()});
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keyStore, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(context)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Override
  public void close() {
    undertow.stop();
  }
}
