package io.kapi.server.request;

import static com.google.common.base.Preconditions.checkNotNull;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import org.jspecify.annotations.Nullable;

/**
 * The per-request attributes that the outermost filters attach to an exchange and everything below
 * reads: the audit ID, the {@link RequestInfo}, the time the request was received, and the user.
 */
public final class RequestContext {
  static final AttachmentKey<String> AUDIT_ID = AttachmentKey.create(String.class);
  static final AttachmentKey<RequestInfo> REQUEST_INFO = AttachmentKey.create(RequestInfo.class);
  static final AttachmentKey<Long> RECEIVED_NANOS = AttachmentKey.create(Long.class);
  static final AttachmentKey<Object> USER = AttachmentKey.create(Object.class);

  private RequestContext() {}

  /** The request's audit ID, or null before the audit filter ran. */
  public static @Nullable String auditId(HttpServerExchange exchange) {
    return exchange.getAttachment(AUDIT_ID);
  }

  public static void setAuditId(HttpServerExchange exchange, String auditId) {
    exchange.putAttachment(AUDIT_ID, checkNotNull(auditId, "auditId"));
  }

  /** The request's {@link RequestInfo}, or null before the request-info filter ran. */
  public static @Nullable RequestInfo requestInfo(HttpServerExchange exchange) {
    return exchange.getAttachment(REQUEST_INFO);
  }

  public static void setRequestInfo(HttpServerExchange exchange, RequestInfo info) {
    exchange.putAttachment(REQUEST_INFO, checkNotNull(info, "info"));
  }

  /** {@link System#nanoTime()} when the request was received, or the exchange's start time. */
  public static long receivedNanos(HttpServerExchange exchange) {
    Long nanos = exchange.getAttachment(RECEIVED_NANOS);
    return nanos != null ? nanos : exchange.getRequestStartTime();
  }

  public static void setReceivedNanos(HttpServerExchange exchange, long nanos) {
    exchange.putAttachment(RECEIVED_NANOS, nanos);
  }

  /** The authenticated user (an {@code io.kapi.server.authn.UserInfo}), or null. */
  public static <T> @Nullable T user(HttpServerExchange exchange, Class<T> type) {
    Object user = exchange.getAttachment(USER);
    return type.isInstance(user) ? type.cast(user) : null;
  }

  public static void setUser(HttpServerExchange exchange, Object user) {
    exchange.putAttachment(USER, checkNotNull(user, "user"));
  }
}
