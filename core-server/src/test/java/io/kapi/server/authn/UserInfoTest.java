package io.kapi.server.authn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserInfoTest {

  @Test
  void copiesGroupsAndExtraSoLaterChangesDoNotLeakIn() {
    List<String> groups = new ArrayList<>(List.of("dev"));
    List<String> scopes = new ArrayList<>(List.of("read"));
    Map<String, List<String>> extra = new HashMap<>(Map.of("scopes", scopes));

    UserInfo user = new UserInfo("alice", "", groups, extra);
    groups.add("ops");
    scopes.add("write");
    extra.put("other", List.of());

    assertThat(user.groups()).containsExactly("dev");
    assertThat(user.extra()).containsExactly(Map.entry("scopes", List.of("read")));
    assertThatThrownBy(() -> user.groups().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsEmptyName() {
    assertThatThrownBy(() -> UserInfo.of("", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withGroupAppendsOnce() {
    UserInfo user = UserInfo.of("alice", List.of("dev"));

    assertThat(user.withGroup("ops").groups()).containsExactly("dev", "ops");
    assertThat(user.withGroup("dev")).isSameAs(user);
  }
}
