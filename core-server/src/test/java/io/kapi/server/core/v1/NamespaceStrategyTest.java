package io.kapi.server.core.v1;

import static io.kapi.server.core.v1.Objects.json;
import static io.kapi.server.core.v1.Objects.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.unstructured.Unstructured;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NamespaceStrategyTest {
  private final NamespaceStrategy strategy = new NamespaceStrategy();

  private Unstructured created(String singleQuotedJson) {
    Unstructured namespace = json(singleQuotedJson);
    strategy.prepareForCreate(namespace);
    strategy.canonicalize(namespace);
    return namespace;
  }

  @Test
  void newNamespaceIsActiveWithTheKubernetesFinalizerAndNameLabel() {
    Unstructured namespace =
        created(
            "{'apiVersion':'v1','kind':'Namespace','metadata':{'name':'team-a','generation':1}}");

    assertThat(namespace.getNestedString("status", "phase")).isEqualTo("Active");
    assertThat(namespace.getNested("spec", "finalizers").toString()).isEqualTo("[\"kubernetes\"]");
    assertThat(namespace.getLabels()).containsEntry("kubernetes.io/metadata.name", "team-a");
    assertThat(namespace.getGeneration()).isZero();
    assertThat(strategy.validate(namespace)).isEmpty();
  }

  @Test
  void clientFinalizersAreKeptAndKubernetesAdded() {
    Unstructured namespace =
        created("{'metadata':{'name':'a'},'spec':{'finalizers':['example.com/cleanup']}}");

    assertThat(namespace.getNested("spec", "finalizers").toString())
        .isEqualTo("[\"example.com/cleanup\",\"kubernetes\"]");
  }

  @Test
  void clientsCannotChangeSpecFinalizers() {
    Unstructured old = created("{'metadata':{'name':'a'}}");
    Unstructured update =
        json("{'metadata':{'name':'a','labels':{'x':'y'}},'spec':{'finalizers':[]}}");
    strategy.prepareForUpdate(update, old);

    assertThat(update.getNested("spec", "finalizers").toString()).isEqualTo("[\"kubernetes\"]");
    assertThat(update.getLabels())
        .containsEntry("x", "y")
        .containsEntry("kubernetes.io/metadata.name", "a");
  }

  @Test
  void finalizerNamesMustBeStandardOrQualified() {
    Unstructured namespace = created("{'metadata':{'name':'a'},'spec':{'finalizers':['cleanup']}}");

    assertThat(texts(strategy.validate(namespace)))
        .containsExactly(
            "spec.finalizers: Invalid value: \"cleanup\": name is neither a standard finalizer name"
                + " nor is it fully qualified");
  }

  @Test
  void statusPhaseFollowsTheDeletionTimestamp() {
    Unstructured active = created("{'metadata':{'name':'a'}}");
    Unstructured terminating = active.deepCopy();
    terminating.setNested(Trees.NODES.stringNode("Terminating"), "status", "phase");
    Unstructured deleted = terminating.deepCopy();
    deleted.setDeletionTimestamp(Instant.parse("2024-01-01T00:00:00Z"));
    Unstructured revived = deleted.deepCopy();
    revived.setNested(Trees.NODES.stringNode("Active"), "status", "phase");

    assertThat(strategy.validateStatusUpdate(deleted, active)).isEmpty();
    assertThat(texts(strategy.validateStatusUpdate(terminating, active)))
        .containsExactly(
            "status.Phase: Invalid value: \"Terminating\": may only be 'Active' if"
                + " `deletionTimestamp` is empty");
    assertThat(texts(strategy.validateStatusUpdate(revived, deleted)))
        .containsExactly(
            "status.Phase: Invalid value: \"Active\": may only be 'Terminating' if"
                + " `deletionTimestamp` is not empty");
  }
}
