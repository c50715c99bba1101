package io.kapi.server;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import io.kapi.restcontainer.ErrorWriter;
import io.kapi.restcontainer.RouteError;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Answers the container's routing errors (404/405/406/415) with Kubernetes {@code Status} bodies. */
final class StatusErrorWriter implements ErrorWriter {
  @Override
  public void write(HttpServerExchange exchange, RouteError error) {
    ApiException status =
        switch (error.kind()) {
          case NOT_FOUND -> ApiErrors.pathNotFound();
          case METHOD_NOT_ALLOWED -> ApiErrors.methodNotAllowed();
          case NOT_ACCEPTABLE -> ApiErrors.notAcceptable(error.supportedMediaTypes());
          case UNSUPPORTED_MEDIA_TYPE -> ApiErrors.unsupportedMediaType(error.supportedMediaTypes());
        };
    if (error.kind() == RouteError.Kind.NOT_ACCEPTABLE) {
      // a 406 body cannot be in a type the client refused; upstream answers JSON regardless
      exchange.getResponseHeaders().remove(Headers.CONTENT_TYPE);
    }
    Responses.writeError(exchange, status);
  }
}
