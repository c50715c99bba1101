package io.kapi.server.authn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates requests that carry {@code Authorization: Bearer <token>} against a fixed set of
 * tokens, like kube-apiserver's {@code --token-auth-file}.
 *
 * <p>The scheme is matched case-insensitively. Tokens are compared by their SHA-256 digests with
 * {@link MessageDigest#isEqual}, against every configured token, so the time taken does not reveal
 * how much of a guess was right. On success the {@code Authorization} header is removed from the
 * request so that the credential is never passed on (for example by a proxying handler).
 */
public final class BearerTokenAuthenticator implements Authenticator {
  private static final String SCHEME = "bearer";

  private final List<Entry> entries;

  /**
   * Creates an authenticator that maps each token of {@code usersByToken} to its user.
   *
   * @throws IllegalArgumentException if a token is empty or contains whitespace
   */
  public BearerTokenAuthenticator(Map<String, UserInfo> usersByToken) {
    checkNotNull(usersByToken, "usersByToken");
    List<Entry> list = new ArrayList<>(usersByToken.size());
    usersByToken.forEach(
        (token, user) -> {
          checkNotNull(token, "token");
          checkNotNull(user, "user of a token");
          checkArgument(
              !token.isEmpty() && token.chars().noneMatch(Character::isWhitespace),
              "token of user %s must be non-empty and contain no whitespace",
              user.name());
          list.add(new Entry(sha256(token), user));
        });
    this.entries = List.copyOf(list);
  }

  @Override
  public Optional<UserInfo> authenticate(HttpServerExchange exchange) {
    checkNotNull(exchange, "exchange");
    String token = bearerToken(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
    if (token == null) {
      return Optional.empty();
    }
    byte[] digest = sha256(token);
    @Nullable UserInfo found = null;
    for (Entry entry : entries) {
      // no early exit: every request costs the same number of comparisons
      if (MessageDigest.isEqual(entry.digest, digest)) {
        found = entry.user;
      }
    }
    if (found == null) {
      return Optional.empty();
    }
    exchange.getRequestHeaders().remove(Headers.AUTHORIZATION);
    return Optional.of(found);
  }

  /**
   * Extracts the token of an {@code Authorization} header value: {@code "<scheme> <token>"} with
   * the scheme {@code Bearer} in any case, surrounding whitespace ignored; anything after a further
   * space is ignored. Returns null when there is no bearer token.
   */
  static @Nullable String bearerToken(@Nullable String authorization) {
    if (authorization == null) {
      return null;
    }
    String[] parts = authorization.trim().split(" ", 3);
    if (parts.length < 2 || !parts[0].equalsIgnoreCase(SCHEME) || parts[1].isEmpty()) {
      return null;
    }
    return parts[1];
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "BearerTokenAuthenticator[" + entries.size() + " tokens]";
  }

  private record Entry(byte[] digest, UserInfo user) {}
}
