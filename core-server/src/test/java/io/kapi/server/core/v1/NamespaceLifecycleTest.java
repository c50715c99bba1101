package io.kapi.server.core.v1;

import static io.kapi.server.core.v1.Objects.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.errors.ApiException;
import io.kapi.api.meta.StatusCause;
import io.kapi.api.schema.GroupResource;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class NamespaceLifecycleTest {
  private final InMemoryNamespaces namespaces = new InMemoryNamespaces();
  private final NamespaceLifecycle lifecycle = new NamespaceLifecycle(namespaces::get);
  private final GroupResource pods = GroupResource.of("", "pods");

  @Test
  void existingNamespacesAdmitCreates() {
    namespaces.create("team-a");

    assertThat(lifecycle.exists("team-a")).isTrue();
    assertThat(lifecycle.exists("team-b")).isFalse();
    lifecycle.admitCreate(pods, "team-a", json("{'metadata':{'name':'web'}}"));
  }

  @Test
  void creatingInAMissingNamespaceIsNotFound() {
    assertThatThrownBy(
            () -> lifecycle.admitCreate(pods, "nope", json("{'metadata':{'name':'web'}}")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(404);
              assertThat(e.getMessage()).isEqualTo("namespaces \"nope\" not found");
            });
  }

  @Test
  void creatingInATerminatingNamespaceIsForbidden() {
    namespaces.create("team-a");
    new NamespaceFinalizer(namespaces, java.util.List::of, Clock.systemUTC()).delete("team-a");

    assertThatThrownBy(
            () ->
                lifecycle.admitCreate(pods, "team-a", json("{'metadata':{'generateName':'web-'}}")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(403);
              assertThat(e.status().reason()).isEqualTo("Forbidden");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "pods \"web-\" is forbidden: unable to create new content in namespace team-a"
                          + " because it is being terminated");
              assertThat(e.status().details().kind()).isEqualTo("pods");
              assertThat(e.status().details().causes())
                  .containsExactly(
                      new StatusCause(
                          "NamespaceTerminating",
                          "namespace team-a is being terminated",
                          "metadata.namespace"));
            });
  }

  @Test
  void systemNamespacesMayNotBeDeleted() {
    for (String name : NamespaceLifecycle.IMMORTAL_NAMESPACES) {
      assertThatThrownBy(() -> NamespaceLifecycle.admitDelete(name))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.code()).isEqualTo(403);
                assertThat(e.getMessage())
                    .isEqualTo(
                        "namespaces \""
                            + name
                            + "\" is forbidden: this namespace may not be deleted");
              });
    }
    NamespaceLifecycle.admitDelete("kube-node-lease");
  }
}
