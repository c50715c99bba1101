package io.kapi.pathrecorder;

import static io.kapi.pathrecorder.TestHandlers.exchange;
import static io.kapi.pathrecorder.TestHandlers.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.undertow.server.HttpHandler;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PathRecorderMuxLoggingTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(PathRecorderMux.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final PathRecorderMux mux = new PathRecorderMux("kube-aggregator");

  @BeforeEach
  void attachAppender() {
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
  }

  @AfterEach
  void detachAppender() {
    logger.detachAppender(appender);
    logger.setLevel(null);
  }

  @Test
  void everyRoutingDecisionIsLoggedAtDebug() throws Exception {
    mux.handle("/api", named("api"));
    mux.handlePrefix("/apis/", named("apis"));
    mux.notFoundHandler(named("next"));

    mux.handleRequest(exchange("/api"));
    mux.handleRequest(exchange("/apis/example.com/v1"));
    mux.handleRequest(exchange("/nothing\there"));

    assertThat(appender.list)
        .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
        .containsExactly(
            tuple(Level.DEBUG, "kube-aggregator: \"/api\" satisfied by exact match"),
            tuple(
                Level.DEBUG,
                "kube-aggregator: \"/apis/example.com/v1\" satisfied by prefix /apis/"),
            tuple(
                Level.DEBUG, "kube-aggregator: \"/nothing\\there\" satisfied by NotFoundHandler"));
  }

  @Test
  void handleRequestDelegatesToTheMatchedHandlerWithTheSameExchange() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    HttpHandler recording = exchange -> seen.set(exchange.getRequestPath());
    mux.handlePrefix("/apis/", recording);

    mux.handleRequest(exchange("/apis/x"));

    assertThat(seen).hasValue("/apis/x");
  }

  @Test
  void nothingIsLoggedPerRequestWhenDebugIsOff() throws Exception {
    logger.setLevel(Level.INFO);
    mux.handle("/api", named("api"));
    mux.notFoundHandler(named("next"));

    mux.handleRequest(exchange("/api"));
    mux.handleRequest(exchange("/missing"));

    assertThat(appender.list).isEmpty();
  }

  @Test
  void matchDoesNotLog() {
    mux.handle("/api", named("api"));

    mux.match("/api");
    mux.match("/missing");

    assertThat(appender.list).isEmpty();
  }

  @Test
  void duplicateRegistrationIsLoggedAtWarn() {
    mux.handle("/dup", named("first"));
    mux.unlistedHandle("/dup", named("second"));
    mux.handlePrefix("/dup/", named("prefix"));
    mux.handle("/dup/", named("exact on the same path as a prefix"));

    assertThat(appender.list)
        .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
        .containsExactly(
            tuple(Level.WARN, "duplicate path registration of \"/dup\""),
            tuple(Level.WARN, "duplicate path registration of \"/dup/\""));
  }

  @Test
  void registrationAfterUnregisterIsNotADuplicate() {
    mux.handle("/again", named("first"));
    mux.unregister("/again");
    mux.handle("/again", named("second"));

    assertThat(appender.list).isEmpty();
  }
}
