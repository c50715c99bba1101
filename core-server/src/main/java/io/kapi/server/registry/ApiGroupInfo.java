package io.kapi.server.registry;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import io.kapi.api.schema.GroupVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One API group as a resource author declares it (upstream's {@code APIGroupInfo}): its name (empty
 * for the legacy core group served at {@code /api}), its versions in priority order (the first is
 * the preferred version), and the resources each version serves. Immutable.
 *
 * <pre>{@code
 * ApiGroupInfo wardle = ApiGroupInfo.builder("wardle.example.com")
 *     .version("v1alpha1", flunders, fischers)
 *     .build();
 * }</pre>
 */
public final class ApiGroupInfo {
  private final String group;
  private final Map<String, List<ResourceDefinition>> versions;

  private ApiGroupInfo(String group, Map<String, List<ResourceDefinition>> versions) {
    this.group = group;
    this.versions = versions;
  }

  /**
   * Starts declaring {@code group}: {@code ""} for the core group, else a lowercase DNS-1123
   * subdomain with at least one dot ({@code example.com}) or a single label ({@code apps}).
   *
   * @throws IllegalArgumentException if the group name is invalid
   */
  public static Builder builder(String group) {
    checkNotNull(group, "group");
    checkArgument(
        group.isEmpty() || NameValidation.dnsSubdomain(group).isEmpty(),
        "API group %s must be empty (core) or a lowercase DNS-1123 subdomain",
        group);
    return new Builder(group);
  }

  /** The group name; empty for the core group. */
  public String group() {
    return group;
  }

  /** Whether this is the legacy core group ({@code /api/v1}). */
  public boolean isCore() {
    return group.isEmpty();
  }

  /** The versions in priority order. */
  public List<String> versions() {
    return List.copyOf(versions.keySet());
  }

  /** The preferred (first) version. */
  public String preferredVersion() {
    return versions.keySet().iterator().next();
  }

  /** The group version {@code version} of this group. */
  public GroupVersion groupVersion(String version) {
    checkArgument(versions.containsKey(version), "group %s has no version %s", group, version);
    return GroupVersion.of(group, version);
  }

  /**
   * The resources of {@code version}, in declaration order.
   *
   * @throws IllegalArgumentException if the group has no such version
   */
  public List<ResourceDefinition> resources(String version) {
    List<ResourceDefinition> resources = versions.get(checkNotNull(version, "version"));
    checkArgument(resources != null, "group %s has no version %s", group, version);
    return resources;
  }

  @Override
  public String toString() {
    return "ApiGroupInfo{" + (group.isEmpty() ? "core" : group) + " " + versions.keySet() + "}";
  }

  /** Collects an {@link ApiGroupInfo}; not thread-safe. */
  public static final class Builder {
    private final String group;
    private final Map<String, List<ResourceDefinition>> versions = new LinkedHashMap<>();

    private Builder(String group) {
      this.group = group;
    }

    /**
     * Adds {@code version} (lower priority than the versions added before) serving {@code
     * resources}.
     *
     * @throws IllegalArgumentException if the version is not a lowercase DNS-1123 label, was added
     *     already, or two resources share a plural name
     */
    public Builder version(String version, ResourceDefinition... resources) {
      checkNotNull(version, "version");
      checkNotNull(resources, "resources");
      checkArgument(
          NameValidation.dnsLabel(version).isEmpty(),
          "group %s: version %s must be a lowercase DNS-1123 label",
          group,
          version);
      checkArgument(
          !versions.containsKey(version), "group %s: version %s added twice", group, version);
      checkArgument(
          !group.isEmpty() || version.equals("v1"),
          "the core group only has version v1, not %s",
          version);
      Set<String> plurals = new HashSet<>();
      List<ResourceDefinition> list = new ArrayList<>(resources.length);
      for (ResourceDefinition resource : resources) {
        checkNotNull(resource, "resource");
        checkArgument(
            plurals.add(resource.plural()),
            "group %s version %s: resource %s defined twice",
            group,
            version,
            resource.plural());
        list.add(resource);
      }
      versions.put(version, List.copyOf(list));
      return this;
    }

    /**
     * Builds the group.
     *
     * @throws IllegalStateException if no version was added
     */
    public ApiGroupInfo build() {
      checkState(!versions.isEmpty(), "group %s has no versions", group);
      return new ApiGroupInfo(group, new LinkedHashMap<>(versions));
    }
  }
}
