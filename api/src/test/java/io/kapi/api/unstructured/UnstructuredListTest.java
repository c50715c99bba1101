package io.kapi.api.unstructured;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.codec.ApiCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnstructuredListTest {

  @Test
  void buildsAListSharingItemTrees() {
    UnstructuredList list = UnstructuredList.of("samplecontroller.k8s.io/v1alpha1", "FooList");
    Unstructured foo = Unstructured.of("samplecontroller.k8s.io/v1alpha1", "Foo");
    foo.setName("a");
    list.add(foo);
    list.setResourceVersion("12");
    list.setContinue("tok");
    list.setRemainingItemCount(0L);
    foo.setNamespace("default");

    assertThat(list.size()).isEqualTo(1);
    assertThat(list.getItems().get(0).getNamespace()).isEqualTo("default");
    assertThat(new String(ApiCodec.json().encode(list), UTF_8))
        .isEqualTo(
            "{\"apiVersion\":\"samplecontroller.k8s.io/v1alpha1\",\"kind\":\"FooList\",\"metadata\":"
                + "{\"resourceVersion\":\"12\",\"continue\":\"tok\",\"remainingItemCount\":0},\"items\":["
                + "{\"apiVersion\":\"samplecontroller.k8s.io/v1alpha1\",\"kind\":\"Foo\",\"metadata\":"
                + "{\"name\":\"a\",\"namespace\":\"default\"}}]}\n");
  }

  @Test
  void decodedListWithoutItemsGetsAnEmptyArray() {
    UnstructuredList list =
        ApiCodec.json().decode("{\"kind\":\"FooList\"}".getBytes(UTF_8), UnstructuredList.class);
    assertThat(list.getItems()).isEmpty();
    assertThat(list.toString()).isEqualTo("{\"kind\":\"FooList\",\"items\":[]}");
  }

  @Test
  void setItemsReplacesAndDeepCopyIsIndependent() {
    UnstructuredList list = UnstructuredList.of("v1", "ConfigMapList");
    Unstructured a = Unstructured.of("v1", "ConfigMap");
    a.setName("a");
    Unstructured b = Unstructured.of("v1", "ConfigMap");
    b.setName("b");
    list.setItems(List.of(a, b));
    UnstructuredList copy = list.deepCopy();
    list.setItems(List.of(b));
    assertThat(list.getItems()).extracting(Unstructured::getName).containsExactly("b");
    assertThat(copy.getItems()).extracting(Unstructured::getName).containsExactly("a", "b");
    assertThat(copy.getRemainingItemCount()).isNull();
    assertThat(copy.getKind()).isEqualTo("ConfigMapList");
  }

  @Test
  void sortKeysOrdersAsUpstreamCustomResourceLists() {
    UnstructuredList list = UnstructuredList.of("x/v1", "FooList");
    list.setResourceVersion("1");
    list.sortKeys();
    assertThat(list.toString())
        .isEqualTo("{\"apiVersion\":\"x/v1\",\"items\":[],\"kind\":\"FooList\",\"metadata\":{\"resourceVersion\":\"1\"}}");
  }
}
