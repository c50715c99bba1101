package io.kapi.server.schema;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Supplier;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Lists;
import com.google.common.collect.Maps;
import io.kapi.api.errors.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One node of an OpenAPI v3 schema in the structural form Kubernetes uses for every resource: a
 * type, its properties, items or additional properties, the value validations, and the {@code
 * x-kubernetes-*} extensions that drive pruning, defaulting, list semantics and strategic merge.
 *
 * <p>Instances are immutable and safe to share between threads. Children are resolved lazily, so a
 * schema whose {@code $ref}s form a cycle (such as {@code JSONSchemaProps}) is an infinite tree
 * whose nodes are created on first access and then reused. Equality is identity.
 *
 * <p>Build one with {@link #parse(JsonNode)} (a CRD's {@code openAPIV3Schema}), {@link
 * OpenApiDocument#component(String)} or {@link RecordSchemas#schemaOf(Class)}.
 */
public final class StructuralSchema {
  private final @Nullable String type;
  private final @Nullable String description;
  private final @Nullable String title;
  private final @Nullable JsonNode defaultValue;
  private final boolean nullable;

  private final ImmutableMap<String, Supplier<StructuralSchema>> properties;
  private final @Nullable Supplier<StructuralSchema> items;
  private final @Nullable Supplier<StructuralSchema> additionalProperties;
  private final @Nullable Boolean additionalPropertiesBool;

  private final boolean preserveUnknownFields;
  private final boolean intOrString;
  private final boolean embeddedResource;
  private final @Nullable String listType;
  private final ImmutableList<String> listMapKeys;
  private final @Nullable String mapType;
  private final @Nullable String patchMergeKey;
  private final @Nullable String patchStrategy;

  private final @Nullable String format;
  private final @Nullable Double maximum;
  private final boolean exclusiveMaximum;
  private final @Nullable Double minimum;
  private final boolean exclusiveMinimum;
  private final @Nullable Double multipleOf;
  private final @Nullable Long maxLength;
  private final @Nullable Long minLength;
  private final @Nullable String pattern;
  private final @Nullable Long maxItems;
  private final @Nullable Long minItems;
  private final boolean uniqueItems;
  private final @Nullable Long maxProperties;
  private final @Nullable Long minProperties;
  private final ImmutableList<String> required;
  private final ImmutableList<JsonNode> enumValues;
  private final ImmutableList<Supplier<StructuralSchema>> allOf;
  private final ImmutableList<Supplier<StructuralSchema>> anyOf;
  private final ImmutableList<Supplier<StructuralSchema>> oneOf;
  private final @Nullable Supplier<StructuralSchema> not;

  /** The format validation runs against: unsupported formats are dropped as upstream does. */
  final String validatedFormat;

  /** The types validation checks. */
  private final List<String> validatedTypes;

  /** The compiled {@code pattern}, or null when absent or invalid. */
  final @Nullable Pattern compiledPattern;

  /** Why {@code pattern} does not compile, or null. */
  final @Nullable String patternError;

  private StructuralSchema(Builder b) {
    type = b.type;
    description = b.description;
    title = b.title;
    defaultValue = b.defaultValue == null ? null : b.defaultValue.deepCopy();
    nullable = b.nullable;
    properties = ImmutableMap.copyOf(b.properties);
    items = b.items;
    additionalProperties = b.additionalProperties;
    additionalPropertiesBool = b.additionalProperties == null ? b.additionalPropertiesBool : null;
    preserveUnknownFields = b.preserveUnknownFields;
    intOrString = b.intOrString;
    embeddedResource = b.embeddedResource;
    listType = b.listType;
    listMapKeys = ImmutableList.copyOf(b.listMapKeys);
    mapType = b.mapType;
    patchMergeKey = b.patchMergeKey;
    patchStrategy = b.patchStrategy;
    format = b.format;
    maximum = b.maximum;
    exclusiveMaximum = b.exclusiveMaximum;
    minimum = b.minimum;
    exclusiveMinimum = b.exclusiveMinimum;
    multipleOf = b.multipleOf;
    maxLength = b.maxLength;
    minLength = b.minLength;
    pattern = b.pattern;
    maxItems = b.maxItems;
    minItems = b.minItems;
    uniqueItems = b.uniqueItems;
    maxProperties = b.maxProperties;
    minProperties = b.minProperties;
    required = ImmutableList.copyOf(b.required);
    enumValues = ImmutableList.copyOf(Lists.transform(b.enumValues, JsonNode::deepCopy));
    allOf = ImmutableList.copyOf(b.allOf);
    anyOf = ImmutableList.copyOf(b.anyOf);
    oneOf = ImmutableList.copyOf(b.oneOf);
    not = b.not;
    validatedFormat = Formats.effectiveFormat(intOrString ? null : type, format);
    validatedTypes =
        intOrString ? List.of("integer", "string") : type == null ? List.of() : List.of(type);
    Pattern compiled = null;
    String error = null;
    if (pattern != null) {
      try {
        compiled = Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        error = e.getDescription();
      }
    }
    compiledPattern = compiled;
    patternError = error;
  }

  /**
   * Parses a schema without {@code $ref}s, such as a CRD version's {@code openAPIV3Schema}. Unknown
   * keywords are ignored; whether the result is structural is answered by {@link
   * #structuralErrors(String)}.
   *
   * @throws IllegalArgumentException if a keyword has the wrong JSON type or a {@code $ref} is used
   */
  public static StructuralSchema parse(JsonNode schema) {
    checkNotNull(schema, "schema");
    return SchemaParser.withoutReferences().parse(schema, "");
  }

  // ---- generic ----

  /**
   * The {@code type} ({@code object}, {@code array}, {@code string}, {@code integer}, {@code
   * number} or {@code boolean}), or empty (int-or-string, preserve-unknown-fields).
   */
  public Optional<String> type() {
    return Optional.ofNullable(type);
  }

  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  public Optional<String> title() {
    return Optional.ofNullable(title);
  }

  /** A copy of the {@code default} value. */
  public Optional<JsonNode> defaultValue() {
    return defaultValue == null ? Optional.empty() : Optional.of(defaultValue.deepCopy());
  }

  public boolean nullable() {
    return nullable;
  }

  // ---- structure ----

  /** The declared properties in declaration order; values are resolved on access. */
  public Map<String, StructuralSchema> properties() {
    return Maps.transformValues(properties, Supplier::get);
  }

  /** The schema of a declared property. */
  public Optional<StructuralSchema> property(String name) {
    checkNotNull(name, "name");
    return Optional.ofNullable(propertyOrNull(name));
  }

  /** The schema of array items. */
  public Optional<StructuralSchema> items() {
    return Optional.ofNullable(itemsOrNull());
  }

  /** The schema of undeclared properties when {@code additionalProperties} is a schema. */
  public Optional<StructuralSchema> additionalProperties() {
    return Optional.ofNullable(additionalPropertiesOrNull());
  }

  /**
   * Whether {@code additionalProperties} is given at all (a schema, {@code true} or {@code false}).
   */
  public boolean hasAdditionalProperties() {
    return additionalProperties != null || additionalPropertiesBool != null;
  }

  /** False only for {@code additionalProperties: false}. */
  public boolean additionalPropertiesAllowed() {
    return additionalPropertiesBool == null || additionalPropertiesBool;
  }

  // ---- extensions ----

  /** {@code x-kubernetes-preserve-unknown-fields}. */
  public boolean preserveUnknownFields() {
    return preserveUnknownFields;
  }

  /** {@code x-kubernetes-int-or-string}. */
  public boolean intOrString() {
    return intOrString;
  }

  /** {@code x-kubernetes-embedded-resource}. */
  public boolean embeddedResource() {
    return embeddedResource;
  }

  /** {@code x-kubernetes-list-type}: {@code atomic}, {@code set} or {@code map}. */
  public Optional<String> listType() {
    return Optional.ofNullable(listType);
  }

  /** {@code x-kubernetes-list-map-keys}. */
  public List<String> listMapKeys() {
    return listMapKeys;
  }

  /** {@code x-kubernetes-map-type}: {@code atomic} or {@code granular}. */
  public Optional<String> mapType() {
    return Optional.ofNullable(mapType);
  }

  /** {@code x-kubernetes-patch-merge-key}. */
  public Optional<String> patchMergeKey() {
    return Optional.ofNullable(patchMergeKey);
  }

  /** {@code x-kubernetes-patch-strategy}, e.g. {@code merge} or {@code merge,retainKeys}. */
  public Optional<String> patchStrategy() {
    return Optional.ofNullable(patchStrategy);
  }

  // ---- value validation ----

  /** The {@code format} as written in the schema. */
  public Optional<String> format() {
    return Optional.ofNullable(format);
  }

  public Optional<Double> maximum() {
    return Optional.ofNullable(maximum);
  }

  public boolean exclusiveMaximum() {
    return exclusiveMaximum;
  }

  public Optional<Double> minimum() {
    return Optional.ofNullable(minimum);
  }

  public boolean exclusiveMinimum() {
    return exclusiveMinimum;
  }

  public Optional<Double> multipleOf() {
    return Optional.ofNullable(multipleOf);
  }

  public Optional<Long> maxLength() {
    return Optional.ofNullable(maxLength);
  }

  public Optional<Long> minLength() {
    return Optional.ofNullable(minLength);
  }

  public Optional<String> pattern() {
    return Optional.ofNullable(pattern);
  }

  public Optional<Long> maxItems() {
    return Optional.ofNullable(maxItems);
  }

  public Optional<Long> minItems() {
    return Optional.ofNullable(minItems);
  }

  public boolean uniqueItems() {
    return uniqueItems;
  }

  public Optional<Long> maxProperties() {
    return Optional.ofNullable(maxProperties);
  }

  public Optional<Long> minProperties() {
    return Optional.ofNullable(minProperties);
  }

  /** The names of required properties. */
  public List<String> required() {
    return required;
  }

  /** Copies of the {@code enum} values. */
  public List<JsonNode> enumValues() {
    return Lists.transform(enumValues, JsonNode::deepCopy);
  }

  public List<StructuralSchema> allOf() {
    return Lists.transform(allOf, Supplier::get);
  }

  public List<StructuralSchema> anyOf() {
    return Lists.transform(anyOf, Supplier::get);
  }

  public List<StructuralSchema> oneOf() {
    return Lists.transform(oneOf, Supplier::get);
  }

  public Optional<StructuralSchema> not() {
    return Optional.ofNullable(notOrNull());
  }

  /**
   * The violations of upstream's structural-schema rules ({@code apiextensions-apiserver} {@code
   * schema.ValidateStructural}), sorted by text, with field paths under {@code fieldPath} (for a
   * CRD: {@code spec.versions[0].schema.openAPIV3Schema}). Only the declared tree is checked:
   * {@code $ref}-resolved schemas are visited once each.
   */
  public List<FieldError> structuralErrors(String fieldPath) {
    checkNotNull(fieldPath, "fieldPath");
    return StructuralCheck.check(this, fieldPath);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("StructuralSchema{");
    sb.append("type=").append(type == null ? "" : type);
    if (intOrString) {
      sb.append(", int-or-string");
    }
    if (preserveUnknownFields) {
      sb.append(", preserve-unknown-fields");
    }
    if (!properties.isEmpty()) {
      sb.append(", properties=").append(properties.keySet());
    }
    return sb.append('}').toString();
  }

  // ---- package-private fast paths ----

  @Nullable String typeOrNull() {
    return type;
  }

  @Nullable JsonNode defaultOrNull() {
    return defaultValue;
  }

  boolean hasProperties() {
    return !properties.isEmpty();
  }

  Iterable<String> propertyNames() {
    return properties.keySet();
  }

  @Nullable StructuralSchema propertyOrNull(String name) {
    Supplier<StructuralSchema> s = properties.get(name);
    return s == null ? null : s.get();
  }

  @Nullable StructuralSchema itemsOrNull() {
    return items == null ? null : items.get();
  }

  @Nullable StructuralSchema additionalPropertiesOrNull() {
    return additionalProperties == null ? null : additionalProperties.get();
  }

  @Nullable StructuralSchema notOrNull() {
    return not == null ? null : not.get();
  }

  @Nullable String listTypeOrNull() {
    return listType;
  }

  @Nullable Double maximumOrNull() {
    return maximum;
  }

  @Nullable Double minimumOrNull() {
    return minimum;
  }

  @Nullable Double multipleOfOrNull() {
    return multipleOf;
  }

  @Nullable Long maxLengthOrNull() {
    return maxLength;
  }

  @Nullable Long minLengthOrNull() {
    return minLength;
  }

  @Nullable String patternOrNull() {
    return pattern;
  }

  @Nullable Long maxItemsOrNull() {
    return maxItems;
  }

  @Nullable Long minItemsOrNull() {
    return minItems;
  }

  @Nullable Long maxPropertiesOrNull() {
    return maxProperties;
  }

  @Nullable Long minPropertiesOrNull() {
    return minProperties;
  }

  @Nullable String formatOrNull() {
    return format;
  }

  List<JsonNode> enumNodes() {
    return enumValues;
  }

  /** The types kube-openapi checks: {@code [integer, string]} for int-or-string, else the type. */
  List<String> validatedTypes() {
    return validatedTypes;
  }

  Builder toBuilder() {
    Builder b = new Builder();
    b.type = type;
    b.description = description;
    b.title = title;
    b.defaultValue = defaultValue;
    b.nullable = nullable;
    b.properties.putAll(properties);
    b.items = items;
    b.additionalProperties = additionalProperties;
    b.additionalPropertiesBool = additionalPropertiesBool;
    b.preserveUnknownFields = preserveUnknownFields;
    b.intOrString = intOrString;
    b.embeddedResource = embeddedResource;
    b.listType = listType;
    b.listMapKeys.addAll(listMapKeys);
    b.mapType = mapType;
    b.patchMergeKey = patchMergeKey;
    b.patchStrategy = patchStrategy;
    b.format = format;
    b.maximum = maximum;
    b.exclusiveMaximum = exclusiveMaximum;
    b.minimum = minimum;
    b.exclusiveMinimum = exclusiveMinimum;
    b.multipleOf = multipleOf;
    b.maxLength = maxLength;
    b.minLength = minLength;
    b.pattern = pattern;
    b.maxItems = maxItems;
    b.minItems = minItems;
    b.uniqueItems = uniqueItems;
    b.maxProperties = maxProperties;
    b.minProperties = minProperties;
    b.required.addAll(required);
    b.enumValues.addAll(enumValues);
    b.allOf.addAll(allOf);
    b.anyOf.addAll(anyOf);
    b.oneOf.addAll(oneOf);
    b.not = not;
    return b;
  }

  /** Junctor suppliers, for the structural check (which must not force cycles). */
  List<Supplier<StructuralSchema>> allOfSuppliers() {
    return allOf;
  }

  List<Supplier<StructuralSchema>> anyOfSuppliers() {
    return anyOf;
  }

  List<Supplier<StructuralSchema>> oneOfSuppliers() {
    return oneOf;
  }

  /** A mutable description of a node; children may be given as lazy suppliers. */
  static final class Builder {
    @Nullable String type;
    @Nullable String description;
    @Nullable String title;
    @Nullable JsonNode defaultValue;
    boolean nullable;
    final Map<String, Supplier<StructuralSchema>> properties = new LinkedHashMap<>();
    @Nullable Supplier<StructuralSchema> items;
    @Nullable Supplier<StructuralSchema> additionalProperties;
    @Nullable Boolean additionalPropertiesBool;
    boolean preserveUnknownFields;
    boolean intOrString;
    boolean embeddedResource;
    @Nullable String listType;
    final List<String> listMapKeys = new ArrayList<>();
    @Nullable String mapType;
    @Nullable String patchMergeKey;
    @Nullable String patchStrategy;
    @Nullable String format;
    @Nullable Double maximum;
    boolean exclusiveMaximum;
    @Nullable Double minimum;
    boolean exclusiveMinimum;
    @Nullable Double multipleOf;
    @Nullable Long maxLength;
    @Nullable Long minLength;
    @Nullable String pattern;
    @Nullable Long maxItems;
    @Nullable Long minItems;
    boolean uniqueItems;
    @Nullable Long maxProperties;
    @Nullable Long minProperties;
    final List<String> required = new ArrayList<>();
    final List<JsonNode> enumValues = new ArrayList<>();
    final List<Supplier<StructuralSchema>> allOf = new ArrayList<>();
    final List<Supplier<StructuralSchema>> anyOf = new ArrayList<>();
    final List<Supplier<StructuralSchema>> oneOf = new ArrayList<>();
    @Nullable Supplier<StructuralSchema> not;

    Builder type(@Nullable String type) {
      this.type = type;
      return this;
    }

    StructuralSchema build() {
      return new StructuralSchema(this);
    }
  }
}
