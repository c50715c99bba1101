package io.kapi.server.storage;

import static com.google.common.base.Preconditions.checkArgument;

import org.jspecify.annotations.Nullable;

/**
 * Builds storage keys the way kube-apiserver lays them out in etcd:
 * {@code /registry/<resourcePrefix>[/<namespace>]/<name>}, where the resource prefix is the
 * lowercase resource name for built-in core types ({@code pods}) and {@code <group>/<resource>}
 * for other groups and custom resources ({@code example.com/foos}).
 */
public final class StorageKeys {
  /** The default root of every key, kube-apiserver's {@code --etcd-prefix}. */
  public static final String DEFAULT_ROOT = "/registry";

  private StorageKeys() {}

  /** {@code /registry/<resourcePrefix>/} or {@code /registry/<resourcePrefix>/<namespace>/}. */
  public static String listPrefix(String resourcePrefix, @Nullable String namespace) {
    checkArgument(!resourcePrefix.isEmpty(), "resourcePrefix must not be empty");
    StringBuilder b = new StringBuilder(DEFAULT_ROOT).append('/').append(resourcePrefix).append('/');
    if (namespace != null && !namespace.isEmpty()) {
      b.append(namespace).append('/');
    }
    return b.toString();
  }

  /** The key of one object. */
  public static String objectKey(String resourcePrefix, @Nullable String namespace, String name) {
    checkArgument(!name.isEmpty(), "name must not be empty");
    return listPrefix(resourcePrefix, namespace) + name;
  }
}
