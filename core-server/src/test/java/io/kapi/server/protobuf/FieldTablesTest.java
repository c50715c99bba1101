package io.kapi.server.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FieldTablesTest {
  private static FieldTables parse(String json) {
    return FieldTables.parse(JsonMapper.shared().readTree(json));
  }

  @Test
  void readsFlagsAndKinds() {
    FieldTables tables =
        parse("{\"kinds\":{\"v1/Thing\":\"core.v1.Thing\"},\"messages\":{\"core.v1.Thing\":"
            + "[[1,\"\",\"message:core.v1.Inner\",\"i\"],[2,\"count\",\"int32\",\"po\"],[4,\"at\",\"message:Time\",\"oz\"],"
            + "[3,\"tags\",\"string\",\"ro\"]],\"core.v1.Inner\":[[1,\"name\",\"string\",\"\"]]}}");

    FieldTables.Message thing = tables.kind("v1", "Thing");

    assertThat(thing).isNotNull();
    assertThat(thing.fields())
        .containsExactly(
            new FieldTables.Field(1, "", "message:core.v1.Inner", false, false, false, false, true),
            new FieldTables.Field(2, "count", "int32", false, true, true, false, false),
            new FieldTables.Field(4, "at", "message:Time", false, false, true, true, false),
            new FieldTables.Field(3, "tags", "string", true, false, true, false, false));
    assertThat(tables.kind("v2", "Thing")).isNull();
  }

  @Test
  void referencesToMissingMessagesFailAtLoad() {
    assertThatThrownBy(
            () -> parse("{\"kinds\":{},\"messages\":{\"core.v1.Thing\":"
                + "[[1,\"span\",\"message:Duration\",\"\"]]}}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no protobuf field table for message Duration");
  }

  @Test
  void unknownScalarTypesFailAtLoad() {
    assertThatThrownBy(
            () -> parse("{\"kinds\":{},\"messages\":{\"core.v1.Thing\":"
                + "[[1,\"ratio\",\"float\",\"\"]]}}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("unknown type float in core.v1.Thing");
  }

  @Test
  void theBundledTablesLoad() {
    assertThat(FieldTables.get().kind("v1", "Pod")).isNotNull();
    assertThat(FieldTables.get().message("meta.v1.ObjectMeta").byNumber()).containsKey(17);
  }
}
