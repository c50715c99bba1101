package io.kapi.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * One cause of a failed request, usually a field that failed validation
 * ({@code reason} such as {@code FieldValueRequired}, {@code field} such as {@code spec.replicas}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"reason", "message", "field"})
public record StatusCause(@Nullable String reason, @Nullable String message, @Nullable String field) {}
