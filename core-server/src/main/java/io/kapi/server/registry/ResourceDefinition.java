package io.kapi.server.registry;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Everything the server needs to know about one resource of a group version: its names (plural,
 * singular, kind, list kind, short names, categories), whether it is namespaced, whether it has a
 * {@code status} subresource, where its objects are stored, and the hooks that customize it
 * ({@link ResourceStrategy}, {@link ObjectSchemaHook}, Table columns). Immutable.
 *
 * <pre>{@code
 * ResourceDefinition widgets = ResourceDefinition.builder("widgets", "Widget")
 *     .shortNames("wd")
 *     .statusSubresource()
 *     .strategy(new WidgetStrategy())
 *     .build();
 * }</pre>
 */
public final class ResourceDefinition {
  private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

  private final String plural;
  private final String singular;
  private final String kind;
  private final String listKind;
  private final boolean namespaced;
  private final List<String> shortNames;
  private final List<String> categories;
  private final boolean statusSubresource;
  private final List<String> updateSubresources;
  private final @Nullable String storagePrefix;
  private final ResourceStrategy strategy;
  private final ObjectSchemaHook schema;
  private final List<TableColumn> tableColumns;

  private ResourceDefinition(Builder b) {
    this.plural = b.plural;
    this.kind = b.kind;
    this.singular = b.singular != null ? b.singular : b.kind.toLowerCase(Locale.ROOT);
    this.listKind = b.listKind != null ? b.listKind : b.kind + "List";
    this.namespaced = b.namespaced;
    this.shortNames = List.copyOf(b.shortNames);
    this.categories = List.copyOf(b.categories);
    this.statusSubresource = b.statusSubresource;
    this.updateSubresources = List.copyOf(b.updateSubresources);
    this.storagePrefix = b.storagePrefix;
    this.strategy = b.strategy;
    this.schema = b.schema;
    this.tableColumns = List.copyOf(b.tableColumns);
  }

  /**
   * Starts describing the resource {@code plural} (the URL segment, e.g. {@code widgets}) whose
   * objects are of {@code kind} (e.g. {@code Widget}). Defaults: namespaced, singular = lowercase
   * kind, list kind = kind + {@code List}, no subresources, {@link ResourceStrategy#DEFAULT}.
   *
   * @throws IllegalArgumentException if plural is not a lowercase DNS-1123 label or kind is not an
   *     alphanumeric word starting with a letter
   */
  public static Builder builder(String plural, String kind) {
    checkNotNull(plural, "plural");
    checkNotNull(kind, "kind");
    checkArgument(
        NameValidation.dnsLabel(plural).isEmpty(),
        "resource %s: the plural must be a lowercase DNS-1123 label",
        plural);
    checkArgument(
        KIND.matcher(kind).matches(),
        "resource %s: kind %s must be alphanumeric and start with a letter",
        plural,
        kind);
    return new Builder(plural, kind);
  }

  /** The URL segment, e.g. {@code widgets}. */
  public String plural() {
    return plural;
  }

  /** The singular name, e.g. {@code widget}. */
  public String singular() {
    return singular;
  }

  public String kind() {
    return kind;
  }

  public String listKind() {
    return listKind;
  }

  public boolean namespaced() {
    return namespaced;
  }

  public List<String> shortNames() {
    return shortNames;
  }

  public List<String> categories() {
    return categories;
  }

  /**
   * The subresources besides {@code status} that only {@code PUT} reaches (as {@code
   * namespaces/finalize}), each updating what the strategy's {@link
   * ResourceStrategy#prepareForSubresourceUpdate} takes from the body.
   */
  public List<String> updateSubresources() {
    return updateSubresources;
  }

  /** Whether the resource has a {@code status} subresource. */
  public boolean hasStatusSubresource() {
    return statusSubresource;
  }

  /**
   * The storage resource prefix ({@code /registry/<prefix>/...}) when set explicitly, else null
   * and {@link #storagePrefix(String)} applies the default.
   */
  public @Nullable String explicitStoragePrefix() {
    return storagePrefix;
  }

  /**
   * Where the objects live below {@code /registry/} when the resource is served in {@code group}:
   * the explicit prefix if set, else the plural for the core group ({@code pods}) and {@code
   * <group>/<plural>} otherwise, as kube-apiserver lays out etcd.
   */
  public String storagePrefix(String group) {
    checkNotNull(group, "group");
    if (storagePrefix != null) {
      return storagePrefix;
    }
    return group.isEmpty() ? plural : group + "/" + plural;
  }

  public ResourceStrategy strategy() {
    return strategy;
  }

  public ObjectSchemaHook schema() {
    return schema;
  }

  /**
   * A copy of this definition with {@code schema} as its schema hook (e.g. the installer giving a
   * built-in kind its published schema).
   */
  public ResourceDefinition withSchema(ObjectSchemaHook schema) {
    checkNotNull(schema, "schema");
    Builder b = new Builder(plural, kind);
    b.singular = singular;
    b.listKind = listKind;
    b.namespaced = namespaced;
    b.shortNames.addAll(shortNames);
    b.categories.addAll(categories);
    b.statusSubresource = statusSubresource;
    b.storagePrefix = storagePrefix;
    b.strategy = strategy;
    b.schema = schema;
    b.tableColumns.addAll(tableColumns);
    return new ResourceDefinition(b);
  }

  /** The author's Table columns; empty for the default {@code Name}/{@code Created At} table. */
  public List<TableColumn> tableColumns() {
    return tableColumns;
  }

  @Override
  public String toString() {
    return "ResourceDefinition{" + plural + ", kind " + kind + (namespaced ? ", namespaced" : "")
        + (statusSubresource ? ", status" : "") + "}";
  }

  /** Collects a {@link ResourceDefinition}; not thread-safe. */
  public static final class Builder {
    private final String plural;
    private final String kind;
    private @Nullable String singular;
    private @Nullable String listKind;
    private boolean namespaced = true;
    private final List<String> shortNames = new ArrayList<>();
    private final List<String> categories = new ArrayList<>();
    private boolean statusSubresource;
    private final List<String> updateSubresources = new ArrayList<>();
    private @Nullable String storagePrefix;
    private ResourceStrategy strategy = ResourceStrategy.DEFAULT;
    private ObjectSchemaHook schema = ObjectSchemaHook.NONE;
    private final List<TableColumn> tableColumns = new ArrayList<>();

    private Builder(String plural, String kind) {
      this.plural = plural;
      this.kind = kind;
    }

    /** The singular name (default: the lowercase kind); a lowercase DNS-1123 label. */
    public Builder singular(String singular) {
      checkNotNull(singular, "singular");
      checkArgument(
          NameValidation.dnsLabel(singular).isEmpty(),
          "resource %s: singular name %s must be a lowercase DNS-1123 label",
          plural,
          singular);
      this.singular = singular;
      return this;
    }

    /** The kind of lists (default: kind + {@code List}). */
    public Builder listKind(String listKind) {
      checkNotNull(listKind, "listKind");
      checkArgument(
          KIND.matcher(listKind).matches(),
          "resource %s: list kind %s must be alphanumeric and start with a letter",
          plural,
          listKind);
      this.listKind = listKind;
      return this;
    }

    /** Objects live in namespaces (the default). */
    public Builder namespaced() {
      this.namespaced = true;
      return this;
    }

    /** Objects are cluster-scoped (no namespace). */
    public Builder clusterScoped() {
      this.namespaced = false;
      return this;
    }

    /** Short names for kubectl ({@code po} for pods); lowercase DNS-1123 labels. */
    public Builder shortNames(String... names) {
      addLabels(shortNames, "short name", names);
      return this;
    }

    /** Categories ({@code all}) kubectl expands; lowercase DNS-1123 labels. */
    public Builder categories(String... names) {
      addLabels(categories, "category", names);
      return this;
    }

    /** Adds a {@code status} subresource: the main endpoint then ignores status changes. */
    public Builder statusSubresource() {
      this.statusSubresource = true;
      return this;
    }

    /**
     * Adds a subresource {@code name} served only by {@code PUT .../<name>} (upstream's {@code
     * namespaces/finalize}); the strategy's {@link ResourceStrategy#prepareForSubresourceUpdate}
     * decides what such an update changes.
     *
     * @throws IllegalArgumentException if {@code name} is not a lowercase DNS-1123 label, is
     *     {@code status} or was given before
     */
    public Builder updateSubresource(String name) {
      checkNotNull(name, "name");
      checkArgument(
          !name.equals("status"), "resource %s: use statusSubresource() for status", plural);
      addLabels(updateSubresources, "subresource", name);
      return this;
    }

    /**
     * Overrides where objects are stored below {@code /registry/} (e.g. {@code services/specs});
     * segments separated by {@code /}, no leading or trailing slash.
     */
    public Builder storagePrefix(String prefix) {
      checkNotNull(prefix, "prefix");
      checkArgument(
          !prefix.isEmpty() && !prefix.startsWith("/") && !prefix.endsWith("/")
              && !prefix.contains("//"),
          "resource %s: storage prefix %s must be non-empty segments separated by '/'",
          plural,
          prefix);
      this.storagePrefix = prefix;
      return this;
    }

    public Builder strategy(ResourceStrategy strategy) {
      this.strategy = checkNotNull(strategy, "strategy");
      return this;
    }

    /** The schema hook (pruning, defaulting, validation); default {@link ObjectSchemaHook#NONE}. */
    public Builder schema(ObjectSchemaHook schema) {
      this.schema = checkNotNull(schema, "schema");
      return this;
    }

    /**
     * Table columns shown after {@code Name} (replacing the default {@code Created At}); add
     * {@link TableColumn#age()} to show the age.
     */
    public Builder tableColumns(TableColumn... columns) {
      checkNotNull(columns, "columns");
      Set<String> names = new HashSet<>();
      names.add("Name");
      tableColumns.forEach(c -> names.add(c.definition().name()));
      for (TableColumn column : columns) {
        checkNotNull(column, "column");
        checkArgument(
            names.add(column.definition().name()),
            "resource %s: table column %s defined twice",
            plural,
            column.definition().name());
        tableColumns.add(column);
      }
      return this;
    }

    public ResourceDefinition build() {
      return new ResourceDefinition(this);
    }

    private void addLabels(List<String> target, String what, String... names) {
      checkNotNull(names, "names");
      for (String name : names) {
        checkNotNull(name, what);
        checkArgument(
            NameValidation.dnsLabel(name).isEmpty(),
            "resource %s: %s %s must be a lowercase DNS-1123 label",
            plural,
            what,
            name);
        checkArgument(!target.contains(name), "resource %s: %s %s given twice", plural, what, name);
        target.add(name);
      }
    }
  }
}
