package io.kapi.restcontainer;

import static com.google.common.base.Preconditions.checkArgument;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/** Builds connection-less Undertow exchanges for driving a {@link Container} directly. */
final class TestExchanges {

  private TestExchanges() {}

  /** An exchange for {@code method} on {@code path} with header name/value pairs. */
  static HttpServerExchange request(String method, String path, String... headers) {
    checkArgument(headers.length % 2 == 0, "headers must be name/value pairs");
    HttpServerExchange exchange = new HttpServerExchange(null);
    exchange.setRequestMethod(HttpString.tryFromString(method));
    exchange.setRequestPath(path);
    exchange.setRelativePath(path);
    exchange.setRequestURI(path);
    for (int i = 0; i < headers.length; i += 2) {
      exchange.getRequestHeaders().add(HttpString.tryFromString(headers[i]), headers[i + 1]);
    }
    return exchange;
  }
}
