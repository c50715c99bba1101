package io.kapi.restcontainer;

import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** An {@link ErrorWriter} that remembers the errors it was given. */
final class RecordingErrorWriter implements ErrorWriter {

  private final List<RouteError> errors = new CopyOnWriteArrayList<>();

  @Override
  public void write(HttpServerExchange exchange, RouteError error) {
    errors.add(error);
  }

  List<RouteError> errors() {
    return errors;
  }

  @Nullable RouteError last() {
    return errors.isEmpty() ? null : errors.get(errors.size() - 1);
  }
}
