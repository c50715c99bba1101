package io.kapi.server.core.v1;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Cluster IPs and node ports for services, chosen deterministically from the service's namespace
 * and name: an IP in {@code 10.96.0.0/12} above {@code 10.96.0.10} (so {@code 10.96.0.1}, the
 * {@code kubernetes} service, and {@code 10.96.0.10}, cluster DNS, stay free) and node ports in
 * {@code 30000-32767}. Two services may hash to the same address; nothing routes traffic here, so
 * the only effect is two services showing the same IP.
 */
final class ServiceAddresses {
  /**
   * The service cluster IP range, as kube-apiserver's default {@code --service-cluster-ip-range}.
   */
  static final String RANGE = "10.96.0.0/12";

  /** The address of the {@code kubernetes} service in {@code default}. */
  static final String KUBERNETES_SERVICE_IP = "10.96.0.1";

  private static final long BASE = (10L << 24) | (96L << 16);
  private static final int RANGE_SIZE = 1 << 20;
  private static final int RESERVED_BELOW = 11;
  private static final int NODE_PORT_BASE = 30000;
  private static final int NODE_PORT_COUNT = 2768;

  private ServiceAddresses() {}

  /** The cluster IP of service {@code namespace/name}. */
  static String clusterIp(String namespace, String name) {
    int hash = hash(namespace + "/" + name);
    long ip = BASE + RESERVED_BELOW + Math.floorMod(hash, RANGE_SIZE - RESERVED_BELOW - 1);
    return (ip >> 24) + "." + ((ip >> 16) & 0xff) + "." + ((ip >> 8) & 0xff) + "." + (ip & 0xff);
  }

  /** A node port for {@code key} (a port of a service) that is not in {@code taken}. */
  static int nodePort(String namespace, String name, String key, java.util.Set<Integer> taken) {
    int start = Math.floorMod(hash(namespace + "/" + name + "/" + key), NODE_PORT_COUNT);
    for (int i = 0; i < NODE_PORT_COUNT; i++) {
      int port = NODE_PORT_BASE + (start + i) % NODE_PORT_COUNT;
      if (!taken.contains(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free node port for " + namespace + "/" + name);
  }

  /** Whether {@code ip} is an IPv4 address inside {@link #RANGE}. */
  static boolean inRange(String ip) {
    int @Nullable [] octets = Formats.ipv4(ip);
    return octets != null && octets[0] == 10 && octets[1] >= 96 && octets[1] <= 111;
  }

  private static int hash(String key) {
    return Hashing.murmur3_32_fixed().hashString(key, StandardCharsets.UTF_8).asInt();
  }
}
