package io.kapi.server.request;

import org.jspecify.annotations.Nullable;

/**
 * The upper-case verb kube-apiserver reports in its request log and metrics: the HTTP method, except
 * {@code LIST}/{@code WATCH} for collection reads, {@code DELETECOLLECTION}, and {@code APPLY} for
 * server-side apply patches.
 */
public final class CanonicalVerb {
  private CanonicalVerb() {}

  /** The canonical verb of a request. */
  public static String of(String method, @Nullable RequestInfo info, @Nullable String contentType) {
    if (info != null && info.resourceRequest()) {
      switch (info.verb()) {
        case "list":
          return "LIST";
        case "watch":
          return "WATCH";
        case "deletecollection":
          return "DELETECOLLECTION";
        default:
          break;
      }
    }
    if (method.equals("PATCH")
        && contentType != null
        && contentType.startsWith("application/apply-patch")) {
      return "APPLY";
    }
    return method;
  }
}
