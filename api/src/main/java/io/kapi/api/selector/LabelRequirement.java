package io.kapi.api.selector;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.internal.GoStrings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One clause of a {@link LabelSelector}: a label key, an {@link Operator} and its values, e.g.
 * {@code env in (prod,staging)}. Built only through {@link #of}, which validates as upstream's
 * {@code labels.NewRequirement}, so every instance is valid. Immutable.
 */
public final class LabelRequirement {
  private final String key;
  private final Operator operator;
  private final List<String> values;

  private LabelRequirement(String key, Operator operator, List<String> values) {
    this.key = key;
    this.operator = operator;
    this.values = values;
  }

  /**
   * A validated requirement. {@code in}/{@code notin} need at least one value, {@code =}, {@code
   * ==}, {@code !=} exactly one, {@code exists}/{@code !} none, {@code gt}/{@code lt} one integer;
   * the key must be a valid label key and every value a valid label value.
   *
   * @throws InvalidSelectorException with upstream's aggregated field errors, e.g. {@code values:
   *     Invalid value: []: for 'in', 'notin' operators, values set can't be empty}
   */
  public static LabelRequirement of(String key, Operator operator, List<String> values) {
    checkNotNull(key, "key");
    checkNotNull(operator, "operator");
    checkNotNull(values, "values");
    List<String> errors = new ArrayList<>();
    List<String> keyErrors = LabelValidation.keyErrors(key);
    if (!keyErrors.isEmpty()) {
      errors.add(LabelValidation.invalid("key", key, keyErrors));
    }
    String jsonValues = GoStrings.jsonStringArray(values);
    switch (operator) {
      case IN, NOT_IN -> {
        if (values.isEmpty()) {
          errors.add("values: Invalid value: " + jsonValues
              + ": for 'in', 'notin' operators, values set can't be empty");
        }
      }
      case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
        if (values.size() != 1) {
          errors.add("values: Invalid value: " + jsonValues
              + ": exact-match compatibility requires one single value");
        }
      }
      case EXISTS, DOES_NOT_EXIST -> {
        if (!values.isEmpty()) {
          errors.add("values: Invalid value: " + jsonValues
              + ": values set must be empty for exists and does not exist");
        }
      }
      case GREATER_THAN, LESS_THAN -> {
        if (values.size() != 1) {
          errors.add("values: Invalid value: " + jsonValues
              + ": for 'Gt', 'Lt' operators, exactly one value is required");
        }
        for (int i = 0; i < values.size(); i++) {
          if (parseGoInt(values.get(i)) == null) {
            errors.add("values[" + i + "]: Invalid value: " + GoStrings.quote(values.get(i))
                + ": for 'Gt', 'Lt' operators, the value must be an integer");
          }
        }
      }
    }
    for (int i = 0; i < values.size(); i++) {
      String value = checkNotNull(values.get(i), "values[%s]", i);
      List<String> valueErrors = LabelValidation.valueErrors(value);
      if (!valueErrors.isEmpty()) {
        errors.add(LabelValidation.invalid("values[" + i + "][" + key + "]", value, valueErrors));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidSelectorException(aggregate(errors));
    }
    return new LabelRequirement(key, operator, List.copyOf(values));
  }

  /** Upstream's aggregate error text: one message as is, several as {@code [a, b]}, duplicates dropped. */
  static String aggregate(List<String> errors) {
    Set<String> unique = new LinkedHashSet<>(errors);
    return unique.size() == 1 ? unique.iterator().next() : "[" + String.join(", ", unique) + "]";
  }

  /** Go's {@code strconv.ParseInt(s, 10, 64)}; null if it fails. */
  static @Nullable Long parseGoInt(String s) {
    if (s.isEmpty() || s.equals("+") || s.equals("-")) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean sign = i == 0 && (c == '+' || c == '-');
      if (!sign && (c < '0' || c > '9')) {
        return null;
      }
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The label key. */
  public String key() {
    return key;
  }

  /** The operator. */
  public Operator operator() {
    return operator;
  }

  /** The values in the order given ({@link LabelSelector#parse} gives them sorted and distinct). */
  public List<String> values() {
    return values;
  }

  /**
   * Whether {@code labels} satisfy this requirement: {@code in}/{@code =}/{@code ==} need the key
   * with one of the values; {@code notin}/{@code !=} match a missing key too; {@code gt}/{@code
   * lt} need an integer value.
   */
  public boolean matches(Map<String, String> labels) {
    checkNotNull(labels, "labels");
    switch (operator) {
      case IN, EQUALS, DOUBLE_EQUALS -> {
        String value = labels.get(key);
        return value != null && values.contains(value);
      }
      case NOT_IN, NOT_EQUALS -> {
        String value = labels.get(key);
        return value == null || !values.contains(value);
      }
      case EXISTS -> {
        return labels.containsKey(key);
      }
      case DOES_NOT_EXIST -> {
        return !labels.containsKey(key);
      }
      case GREATER_THAN, LESS_THAN -> {
        String value = labels.get(key);
        Long actual = value == null ? null : parseGoInt(value);
        Long bound = values.size() == 1 ? parseGoInt(values.get(0)) : null;
        if (actual == null || bound == null) {
          return false;
        }
        return operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
      }
    }
    throw new AssertionError(operator);
  }

  /**
   * Upstream's canonical form: {@code key=v}, {@code key==v}, {@code key!=v}, {@code key in
   * (a,b)}, {@code key notin (a,b)}, {@code key>1}, {@code key<1}, {@code key}, {@code !key};
   * several values are written sorted.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (operator == Operator.DOES_NOT_EXIST) {
      sb.append('!');
    }
    sb.append(key);
    switch (operator) {
      case EQUALS -> sb.append('=');
      case DOUBLE_EQUALS -> sb.append("==");
      case NOT_EQUALS -> sb.append("!=");
      case IN -> sb.append(" in ");
      case NOT_IN -> sb.append(" notin ");
      case GREATER_THAN -> sb.append('>');
      case LESS_THAN -> sb.append('<');
      case EXISTS, DOES_NOT_EXIST -> {
        return sb.toString();
      }
    }
    boolean set = operator == Operator.IN || operator == Operator.NOT_IN;
    if (set) {
      sb.append('(');
    }
    if (values.size() == 1) {
      sb.append(values.get(0));
    } else {
      List<String> sorted = new ArrayList<>(values);
      sorted.sort(null);
      sb.append(String.join(",", sorted));
    }
    if (set) {
      sb.append(')');
    }
    return sb.toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LabelRequirement r
        && key.equals(r.key)
        && operator == r.operator
        && values.equals(r.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, operator, values);
  }
}
