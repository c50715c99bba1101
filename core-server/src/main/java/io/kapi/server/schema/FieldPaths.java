package io.kapi.server.schema;

/**
 * Field paths as upstream's {@code field.Path} prints them: {@code spec.containers[0].image} for
 * children and indices, {@code metadata.labels[app]} for map keys.
 */
final class FieldPaths {
  private FieldPaths() {}

  static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  static String key(String parent, String key) {
    return parent + "[" + key + "]";
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
