package io.kapi.server.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component as required in the schema {@link RecordSchemas} generates. Kubernetes
 * APIs make most fields optional, so components are optional unless marked.
 *
 * <pre>{@code
 * record FooSpec(@Required String image, @Nullable Integer replicas) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.FIELD,
  ElementType.METHOD,
  ElementType.PARAMETER
})
public @interface Required {}
