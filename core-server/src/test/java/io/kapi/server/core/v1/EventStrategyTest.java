package io.kapi.server.core.v1;

import static io.kapi.server.core.v1.Objects.json;
import static io.kapi.server.core.v1.Objects.texts;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventStrategyTest {
  private final EventStrategy strategy = new EventStrategy();

  @Test
  void involvedObjectMustBeInTheEventsNamespace() {
    assertThat(
            strategy.validate(
                json(
                    "{'metadata':{'name':'web.17a','namespace':'team-a'},"
                        + "'involvedObject':{'kind':'Pod','name':'web','namespace':'team-a'}}")))
        .isEmpty();
    assertThat(
            texts(
                strategy.validate(
                    json(
                        "{'metadata':{'name':'web.17a','namespace':'team-a'},"
                            + "'involvedObject':{'kind':'Pod','name':'web','namespace':'team-b'}}"))))
        .containsExactly(
            "involvedObject.namespace: Invalid value: \"team-b\": does not match event.namespace");
  }

  @Test
  void clusterScopedObjectsReportInDefault() {
    assertThat(
            strategy.validate(
                json(
                    "{'metadata':{'name':'n.1','namespace':'default'},"
                        + "'involvedObject':{'kind':'Node','name':'n'}}")))
        .isEmpty();
  }

  @Test
  void newStyleEventsNeedTheirReportingFields() {
    assertThat(
            texts(
                strategy.validate(
                    json(
                        "{'metadata':{'name':'e','namespace':'default'},"
                            + "'eventTime':'2024-01-01T00:00:00.000000Z','involvedObject':{}}"))))
        .containsExactly(
            "reportingComponent: Required value",
            "reportingComponent: Invalid value: \"\": name part must be non-empty",
            "reportingComponent: Invalid value: \"\": name part must consist of alphanumeric"
                + " characters, '-', '_' or '.', and must start and end with an alphanumeric"
                + " character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
                + " validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            "reportingInstance: Required value",
            "action: Required value",
            "reason: Required value");
  }
}
