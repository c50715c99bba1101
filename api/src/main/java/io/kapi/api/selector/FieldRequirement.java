package io.kapi.api.selector;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One clause of a {@link FieldSelector}: {@code field=value} ({@link Operator#EQUALS}, also for
 * {@code ==}) or {@code field!=value} ({@link Operator#NOT_EQUALS}); {@code value} is unescaped.
 */
public record FieldRequirement(String field, Operator operator, String value) {

  public FieldRequirement {
    checkNotNull(field, "field");
    checkNotNull(operator, "operator");
    checkNotNull(value, "value");
    checkArgument(
        operator == Operator.EQUALS || operator == Operator.NOT_EQUALS,
        "field selectors support only = and !=, not %s",
        operator.symbol());
  }

  /** Whether {@code actual} (the object's value of {@link #field()}, "" if absent) satisfies this. */
  public boolean matches(String actual) {
    checkNotNull(actual, "actual");
    return (operator == Operator.EQUALS) == value.equals(actual);
  }

  /** {@code field=escaped} or {@code field!=escaped}. */
  @Override
  public String toString() {
    return field + (operator == Operator.EQUALS ? "=" : "!=") + FieldSelector.escapeValue(value);
  }
}
