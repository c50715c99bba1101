package io.kapi.server.authn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;

/**
 * The identity of an authenticated request: the user name, an optional uid, the groups the user
 * belongs to and free-form extra attributes, as Kubernetes' {@code user.Info}.
 *
 * <p>Authorization (RBAC) and impersonation decide on these values only, never on the credential
 * that produced them. Instances are immutable; the lists and maps are unmodifiable copies.
 *
 * @param name the user name, never empty (for example {@code kapi-admin} or the client
 *     certificate's common name)
 * @param uid a unique id of the user, or the empty string when the credential carries none
 * @param groups the groups, in the order the authenticator reported them
 * @param extra additional attributes (for example scopes), each key with its values in order
 */
public record UserInfo(
    String name, String uid, List<String> groups, Map<String, List<String>> extra) {

  /** The group every authenticated user belongs to. */
  public static final String ALL_AUTHENTICATED = "system:authenticated";

  /** The group of the anonymous user. */
  public static final String ALL_UNAUTHENTICATED = "system:unauthenticated";

  /** The user name given to unauthenticated requests when anonymous access is allowed. */
  public static final String ANONYMOUS = "system:anonymous";

  /** The group that RBAC lets do anything (kube-apiserver's superuser group). */
  public static final String SYSTEM_MASTERS = "system:masters";

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException if {@code name} is empty
   */
  public UserInfo {
    checkNotNull(name, "name");
    checkArgument(!name.isEmpty(), "user name must not be empty");
    checkNotNull(uid, "uid");
    groups = ImmutableList.copyOf(groups);
    ImmutableMap.Builder<String, List<String>> copy = ImmutableMap.builder();
    extra.forEach((key, values) -> copy.put(key, ImmutableList.copyOf(values)));
    extra = copy.buildOrThrow();
  }

  /** A user with a name and groups, no uid and no extra attributes. */
  public static UserInfo of(String name, List<String> groups) {
    return new UserInfo(name, "", groups, Map.of());
  }

  /** Returns this user with {@code group} appended, or this user if it already has the group. */
  public UserInfo withGroup(String group) {
    checkNotNull(group, "group");
    if (groups.contains(group)) {
      return this;
    }
    return new UserInfo(
        name, uid, ImmutableList.<String>builder().addAll(groups).add(group).build(), extra);
  }
}
