package io.kapi.server.request;

import java.util.List;

/**
 * What one HTTP request is about, as kube-apiserver's {@code RequestInfo}: for a resource request
 * the API group, version, namespace, resource, name, subresource and the Kubernetes verb
 * ({@code get}, {@code list}, {@code watch}, {@code create}, {@code update}, {@code patch},
 * {@code delete}, {@code deletecollection}); for anything else the lowercase HTTP method as verb.
 * Empty strings mean "not present".
 */
public record RequestInfo(
    boolean resourceRequest,
    String path,
    String verb,
    String apiPrefix,
    String apiGroup,
    String apiVersion,
    String namespace,
    String resource,
    String subresource,
    String name,
    List<String> parts) {

  public RequestInfo {
    parts = List.copyOf(parts);
  }

  /** A request that is not about an API resource ({@code /healthz}, {@code /apis/g/v}, ...). */
  public static RequestInfo nonResource(String path, String verb) {
    return new RequestInfo(false, path, verb, "", "", "", "", "", "", "", List.of());
  }

  /** Whether the request is long-running (a watch), and so exempt from the request timeout. */
  public boolean isLongRunning() {
    return "watch".equals(verb);
  }
}
