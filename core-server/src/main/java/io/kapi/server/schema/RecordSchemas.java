package io.kapi.server.schema;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import io.kapi.api.meta.ObjectMeta;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the structural schema of a Java record, so SDK authors can describe a resource with
 * plain Java types.
 *
 * <p>Mapping: {@code String}/{@code char} → string; {@code int}/{@code short}/{@code byte} →
 * integer int32; {@code long} → integer int64; {@code float}/{@code double} → number; {@code
 * boolean} → boolean; {@code Instant}/{@code OffsetDateTime}/{@code ZonedDateTime} → string
 * date-time; {@code LocalDate} → string date; {@code UUID} → string uuid; {@code byte[]} → string
 * byte; enums → string with their (Jackson) names as {@code enum}; {@code List}/{@code Collection}
 * and arrays → array ({@code Set} → {@code x-kubernetes-list-type: set}); {@code Map<String, V>} →
 * object with {@code additionalProperties}; nested records → object; {@code JsonNode}/{@code
 * Object} → {@code x-kubernetes-preserve-unknown-fields}; {@code Optional<T>} → T; {@code
 * ObjectMeta} → upstream's ObjectMeta schema.
 *
 * <p>Field names follow {@code @JsonProperty}; {@code @JsonIgnore} components are left out and
 * {@code @JsonPropertyDescription} becomes the description. Components are optional unless
 * annotated {@link Required}, as most Kubernetes fields are; {@code @Nullable} has no effect on the
 * schema (JSON nulls of absent values are dropped like Go's {@code omitempty}). At the root, {@code
 * apiVersion} and {@code kind} are strings and {@code metadata} is {@code {type: object}}, as in a
 * CRD: its ObjectMeta shape is implied. Recursive records are supported.
 *
 * <pre>{@code
 * record Foo(String apiVersion, String kind, ObjectMeta metadata, FooSpec spec) {}
 * StructuralSchema schema = RecordSchemas.schemaOf(Foo.class);
 * }</pre>
 */
public final class RecordSchemas {
  private static final ClassValue<StructuralSchema> CACHE =
      new ClassValue<>() {
        @Override
        @SuppressWarnings("unchecked")
        protected StructuralSchema computeValue(Class<?> type) {
          return new Generator().root((Class<? extends Record>) type);
        }
      };

  private RecordSchemas() {}

  /**
   * The schema of a record type (cached per class).
   *
   * @throws IllegalArgumentException if a component has a type with no JSON schema mapping (an
   *     arbitrary class, a map with non-string keys, an unresolved type variable)
   */
  public static StructuralSchema schemaOf(Class<? extends Record> type) {
    checkNotNull(type, "type");
    checkArgument(type.isRecord(), "%s is not a record", type.getName());
    return CACHE.get(type);
  }

  /** One generation: records are built once each, back references resolve lazily. */
  private static final class Generator {
    private final Map<Class<?>, StructuralSchema> done = new HashMap<>();
    private final Set<Class<?>> inProgress = new HashSet<>();

    StructuralSchema root(Class<? extends Record> type) {
      return record(type, true);
    }

    private Supplier<StructuralSchema> recordSupplier(Class<?> type) {
      StructuralSchema built = done.get(type);
      if (built != null) {
        return Suppliers.ofInstance(built);
      }
      if (inProgress.contains(type)) {
        Map<Class<?>, StructuralSchema> results = done;
        return Suppliers.memoize(() -> results.get(type));
      }
      return Suppliers.ofInstance(record(type, false));
    }

    private StructuralSchema record(Class<?> type, boolean root) {
      if (!root) {
        inProgress.add(type);
      }
      StructuralSchema.Builder b = new StructuralSchema.Builder().type("object");
      for (RecordComponent c : type.getRecordComponents()) {
        if (annotation(type, c, JsonIgnore.class) != null) {
          continue;
        }
        JsonProperty property = annotation(type, c, JsonProperty.class);
        String name =
            property != null && !property.value().isEmpty() ? property.value() : c.getName();
        Supplier<StructuralSchema> schema;
        if (root && (name.equals("apiVersion") || name.equals("kind"))) {
          schema = Suppliers.ofInstance(new StructuralSchema.Builder().type("string").build());
        } else if (root && name.equals("metadata")) {
          schema = Suppliers.ofInstance(new StructuralSchema.Builder().type("object").build());
        } else {
          schema = schemaOf(c.getGenericType(), type.getName() + "." + c.getName());
        }
        JsonPropertyDescription description = annotation(type, c, JsonPropertyDescription.class);
        if (description != null && !description.value().isEmpty()) {
          Supplier<StructuralSchema> undescribed = schema;
          schema =
              Suppliers.memoize(
                  () -> {
                    StructuralSchema.Builder described = undescribed.get().toBuilder();
                    described.description = description.value();
                    return described.build();
                  });
        }
        b.properties.put(name, schema);
        if (annotation(type, c, Required.class) != null) {
          b.required.add(name);
        }
      }
      StructuralSchema result = b.build();
      if (!root) {
        done.put(type, result);
        inProgress.remove(type);
      }
      return result;
    }

    private Supplier<StructuralSchema> schemaOf(Type type, String where) {
      if (type instanceof Class<?> c) {
        return classSchema(c, where);
      }
      if (type instanceof ParameterizedType p) {
        Class<?> raw = (Class<?>) p.getRawType();
        Type[] args = p.getActualTypeArguments();
        if (raw == Optional.class) {
          return schemaOf(args[0], where);
        }
        if (Map.class.isAssignableFrom(raw)) {
          Type key = resolveBound(args[0]);
          checkArgument(
              key == String.class || (key instanceof Class<?> k && k.isEnum()),
              "%s: map keys must be strings, got %s",
              where,
              key);
          StructuralSchema.Builder b = new StructuralSchema.Builder().type("object");
          b.additionalProperties = schemaOf(args[1], where);
          return Suppliers.ofInstance(b.build());
        }
        if (Collection.class.isAssignableFrom(raw) || Iterable.class.isAssignableFrom(raw)) {
          StructuralSchema.Builder b = new StructuralSchema.Builder().type("array");
          b.items = schemaOf(args[0], where);
          if (Set.class.isAssignableFrom(raw)) {
            b.listType = "set";
          }
          return Suppliers.ofInstance(b.build());
        }
        return schemaOf(raw, where);
      }
      if (type instanceof GenericArrayType a) {
        StructuralSchema.Builder b = new StructuralSchema.Builder().type("array");
        b.items = schemaOf(a.getGenericComponentType(), where);
        return Suppliers.ofInstance(b.build());
      }
      if (type instanceof WildcardType || type instanceof TypeVariable<?>) {
        return schemaOf(resolveBound(type), where);
      }
      throw new IllegalArgumentException(where + ": unsupported type " + type);
    }

    private Supplier<StructuralSchema> classSchema(Class<?> c, String where) {
      StructuralSchema scalar = scalar(c);
      if (scalar != null) {
        return Suppliers.ofInstance(scalar);
      }
      if (c == ObjectMeta.class) {
        return ObjectMetaSchema::get;
      }
      if (c.isRecord()) {
        return recordSupplier(c);
      }
      if (c.isEnum()) {
        StructuralSchema.Builder b = new StructuralSchema.Builder().type("string");
        for (Object constant : c.getEnumConstants()) {
          b.enumValues.add(JsonNodeFactory.instance.stringNode(enumName(c, (Enum<?>) constant)));
        }
        return Suppliers.ofInstance(b.build());
      }
      if (c.isArray()) {
        StructuralSchema.Builder b = new StructuralSchema.Builder().type("array");
        b.items = classSchema(c.getComponentType(), where);
        return Suppliers.ofInstance(b.build());
      }
      if (Map.class.isAssignableFrom(c) || ObjectNode.class.isAssignableFrom(c)) {
        StructuralSchema.Builder b = new StructuralSchema.Builder().type("object");
        b.preserveUnknownFields = true;
        return Suppliers.ofInstance(b.build());
      }
      if (Collection.class.isAssignableFrom(c) || ArrayNode.class.isAssignableFrom(c)) {
        StructuralSchema.Builder items = new StructuralSchema.Builder();
        items.preserveUnknownFields = true;
        StructuralSchema.Builder b = new StructuralSchema.Builder().type("array");
        b.items = Suppliers.ofInstance(items.build());
        return Suppliers.ofInstance(b.build());
      }
      if (c == Object.class || JsonNode.class.isAssignableFrom(c)) {
        StructuralSchema.Builder b = new StructuralSchema.Builder();
        b.preserveUnknownFields = true;
        return Suppliers.ofInstance(b.build());
      }
      throw new IllegalArgumentException(
          where
              + ": unsupported type "
              + c.getName()
              + " (use a record, a collection, a map or"
              + " JsonNode)");
    }

    private static @Nullable StructuralSchema scalar(Class<?> c) {
      if (c == String.class
          || c == char.class
          || c == Character.class
          || c == URI.class
          || CharSequence.class.isAssignableFrom(c)) {
        return typed("string", null);
      }
      if (c == int.class
          || c == Integer.class
          || c == short.class
          || c == Short.class
          || c == byte.class
          || c == Byte.class) {
        return typed("integer", "int32");
      }
      if (c == long.class || c == Long.class) {
        return typed("integer", "int64");
      }
      if (c == BigInteger.class) {
        return typed("integer", null);
      }
      if (c == float.class || c == Float.class) {
        return typed("number", "float");
      }
      if (c == double.class || c == Double.class) {
        return typed("number", "double");
      }
      if (c == BigDecimal.class || c == Number.class) {
        return typed("number", null);
      }
      if (c == boolean.class || c == Boolean.class) {
        return typed("boolean", null);
      }
      if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class) {
        return typed("string", "date-time");
      }
      if (c == LocalDate.class) {
        return typed("string", "date");
      }
      if (c == UUID.class) {
        return typed("string", "uuid");
      }
      if (c == byte[].class) {
        return typed("string", "byte");
      }
      return null;
    }

    private static StructuralSchema typed(String type, @Nullable String format) {
      StructuralSchema.Builder b = new StructuralSchema.Builder().type(type);
      b.format = format;
      return b.build();
    }

    private static Type resolveBound(Type type) {
      if (type instanceof WildcardType w) {
        return w.getUpperBounds()[0];
      }
      if (type instanceof TypeVariable<?> v) {
        throw new IllegalArgumentException("unresolved type variable " + v.getName());
      }
      return type;
    }

    private static String enumName(Class<?> type, Enum<?> constant) {
      try {
        Field field = type.getField(constant.name());
        JsonProperty property = field.getAnnotation(JsonProperty.class);
        if (property != null && !property.value().isEmpty()) {
          return property.value();
        }
      } catch (NoSuchFieldException e) {
        // an enum constant is always a public field
      }
      return constant.name();
    }

    /** An annotation on the component, its accessor or its field (where Java propagates them). */
    private static <A extends Annotation> @Nullable A annotation(
        Class<?> record, RecordComponent c, Class<A> type) {
      A a = c.getAnnotation(type);
      if (a == null) {
        a = c.getAccessor().getAnnotation(type);
      }
      if (a == null) {
        try {
          a = record.getDeclaredField(c.getName()).getAnnotation(type);
        } catch (NoSuchFieldException e) {
          // every record component has a field
        }
      }
      return a;
    }
  }
}
