package io.kapi.server.registry;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import java.util.Set;

/**
 * How upstream's typed decoder answers a body of the legacy core group ({@code apiVersion: v1})
 * whose apiVersion or kind is not the resource's: the typed JSON decoder either cannot create the
 * kind ({@code no kind "X" is registered for version "v2" in scheme ...}) or cannot convert it to
 * the resource's internal type ({@code converting (v1.Secret) to (core.ConfigMap): unknown
 * conversion}), and the create/update handler's {@code transformDecodeError} turns either into 400
 * {@code <kind> in version "<version>" cannot be handled as a <Kind>: <error>}.
 */
final class LegacySchemeDecoding {
  /** The name upstream's legacy scheme reports in not-registered errors. */
  static final String SCHEME_NAME = "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30";

  /**
   * Kinds the legacy scheme registers for {@code v1} (core types and the meta types added to it).
   */
  static final Set<String> V1_KINDS =
      Set.of(
          "Binding",
          "ComponentStatus",
          "ComponentStatusList",
          "ConfigMap",
          "ConfigMapList",
          "Endpoints",
          "EndpointsList",
          "Event",
          "EventList",
          "LimitRange",
          "LimitRangeList",
          "List",
          "Namespace",
          "NamespaceList",
          "Node",
          "NodeList",
          "NodeProxyOptions",
          "PersistentVolume",
          "PersistentVolumeClaim",
          "PersistentVolumeClaimList",
          "PersistentVolumeList",
          "Pod",
          "PodAttachOptions",
          "PodExecOptions",
          "PodList",
          "PodLogOptions",
          "PodPortForwardOptions",
          "PodProxyOptions",
          "PodStatusResult",
          "PodTemplate",
          "PodTemplateList",
          "RangeAllocation",
          "ReplicationController",
          "ReplicationControllerList",
          "ResourceQuota",
          "ResourceQuotaList",
          "Secret",
          "SecretList",
          "SerializedReference",
          "Service",
          "ServiceAccount",
          "ServiceAccountList",
          "ServiceList",
          "ServiceProxyOptions",
          "Status",
          "WatchEvent",
          "ListOptions",
          "GetOptions",
          "DeleteOptions",
          "CreateOptions",
          "UpdateOptions",
          "PatchOptions",
          "APIVersions",
          "APIGroupList",
          "APIGroup",
          "APIResourceList");

  private LegacySchemeDecoding() {}

  /**
   * The 400 for a body of {@code kind} in {@code apiVersion} sent to a resource of {@code
   * resourceKind} in {@code v1}; {@code apiVersion} must not be {@code v1} or {@code kind} not
   * {@code resourceKind}.
   */
  static ApiException mismatch(String apiVersion, String kind, String resourceKind) {
    int slash = apiVersion.indexOf('/');
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    String cause;
    if (apiVersion.equals("v1") && V1_KINDS.contains(kind)) {
      cause = "converting (v1." + kind + ") to (core." + resourceKind + "): unknown conversion";
    } else {
      cause =
          "no kind \""
              + kind
              + "\" is registered for version \""
              + apiVersion
              + "\" in scheme \""
              + SCHEME_NAME
              + "\"";
    }
    return ApiErrors.badRequest(
        kind
            + " in version \""
            + version
            + "\" cannot be handled as a "
            + resourceKind
            + ": "
            + cause);
  }
}
