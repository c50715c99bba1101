package io.kapi.api.selector;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A parsed field selector ({@code ?fieldSelector=metadata.name=web,status.phase!=Running}): an AND
 * of {@link FieldRequirement}s. Values may escape {@code \}, {@code ,} and {@code =} with a
 * backslash. Immutable and thread-safe.
 *
 * <p>The storage layer can turn {@code metadata.name=x} into a direct lookup with {@link
 * #requiresExactMatch(String)}.
 *
 * <pre>{@code
 * FieldSelector selector = FieldSelector.parse("metadata.namespace=default,spec.color!=red");
 * boolean keep = selector.matches(object::fieldValue);
 * }</pre>
 */
public final class FieldSelector {
  private static final FieldSelector EVERYTHING = new FieldSelector(ImmutableList.of(), false);
  private static final FieldSelector NOTHING = new FieldSelector(ImmutableList.of(), true);

  private final ImmutableList<FieldRequirement> requirements;
  private final boolean nothing;

  private FieldSelector(ImmutableList<FieldRequirement> requirements, boolean nothing) {
    this.requirements = requirements;
    this.nothing = nothing;
  }

  /**
   * Parses upstream's field selector syntax: terms {@code field=value}, {@code field==value} or
   * {@code field!=value} joined by {@code ,}; terms are sorted, empty terms skipped, and the empty
   * string selects everything.
   *
   * @throws InvalidSelectorException with upstream's message: {@code invalid selector: '<s>';
   *     can't understand '<term>'}, {@code invalid field selector: invalid escape sequence: \x} or
   *     {@code invalid field selector: unescaped character in value: 61}
   */
  public static FieldSelector parse(String selector) {
    checkNotNull(selector, "selector");
    List<String> terms = splitTerms(selector);
    Collections.sort(terms);
    List<FieldRequirement> parsed = new ArrayList<>(terms.size());
    for (String term : terms) {
      if (term.isEmpty()) {
        continue;
      }
      int at = -1;
      String op = null;
      for (int i = 0; i < term.length() && op == null; i++) {
        if (term.startsWith("!=", i)) {
          op = "!=";
        } else if (term.startsWith("==", i)) {
          op = "==";
        } else if (term.charAt(i) == '=') {
          op = "=";
        }
        at = i;
      }
      if (op == null) {
        throw new InvalidSelectorException(
            "invalid selector: '" + selector + "'; can't understand '" + term + "'");
      }
      String value = unescapeValue(term.substring(at + op.length()));
      parsed.add(
          new FieldRequirement(
              term.substring(0, at), op.equals("!=") ? Operator.NOT_EQUALS : Operator.EQUALS, value));
    }
    return parsed.isEmpty() ? EVERYTHING : new FieldSelector(ImmutableList.copyOf(parsed), false);
  }

  /** Splits on commas that are not escaped; escapes stay in the terms. */
  private static List<String> splitTerms(String selector) {
    List<String> terms = new ArrayList<>();
    if (selector.isEmpty()) {
      return terms;
    }
    int start = 0;
    boolean escaped = false;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',') {
        terms.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(selector.substring(start));
    return terms;
  }

  /** The selector that matches everything. */
  public static FieldSelector everything() {
    return EVERYTHING;
  }

  /** The selector that matches nothing; its string form is empty. */
  public static FieldSelector nothing() {
    return NOTHING;
  }

  /** {@code field=value}. */
  public static FieldSelector oneTermEqual(String field, String value) {
    return new FieldSelector(
        ImmutableList.of(new FieldRequirement(field, Operator.EQUALS, value)), false);
  }

  /** {@code field!=value}. */
  public static FieldSelector oneTermNotEqual(String field, String value) {
    return new FieldSelector(
        ImmutableList.of(new FieldRequirement(field, Operator.NOT_EQUALS, value)), false);
  }

  /** The AND of {@code selectors} (their requirements concatenated, in order). */
  public static FieldSelector and(FieldSelector... selectors) {
    checkNotNull(selectors, "selectors");
    ImmutableList.Builder<FieldRequirement> all = ImmutableList.builder();
    for (FieldSelector s : selectors) {
      checkNotNull(s, "selector");
      if (s.nothing) {
        return NOTHING;
      }
      all.addAll(s.requirements);
    }
    ImmutableList<FieldRequirement> requirements = all.build();
    return requirements.isEmpty() ? EVERYTHING : new FieldSelector(requirements, false);
  }

  /**
   * Whether every requirement holds, reading each field's value with {@code fieldValue} (null or
   * absent counts as {@code ""}, as upstream's field sets do).
   */
  public boolean matches(Function<String, @Nullable String> fieldValue) {
    checkNotNull(fieldValue, "fieldValue");
    if (nothing) {
      return false;
    }
    for (FieldRequirement r : requirements) {
      String actual = fieldValue.apply(r.field());
      if (!r.matches(actual == null ? "" : actual)) {
        return false;
      }
    }
    return true;
  }

  /** {@link #matches(Function)} over a field set such as {@code {"metadata.name": "web"}}. */
  public boolean matches(Map<String, String> fields) {
    checkNotNull(fields, "fields");
    return matches(fields::get);
  }

  /** True if this selector does not restrict anything. */
  public boolean isEmpty() {
    return !nothing && requirements.isEmpty();
  }

  /** True for {@link #nothing()}. */
  public boolean matchesNothing() {
    return nothing;
  }

  /** The requirements, in parsed (sorted) order. */
  public List<FieldRequirement> requirements() {
    return requirements;
  }

  /** The value {@code field} must equal, if a {@code field=value} requirement exists. */
  public Optional<String> requiresExactMatch(String field) {
    checkNotNull(field, "field");
    for (FieldRequirement r : requirements) {
      if (r.operator() == Operator.EQUALS && r.field().equals(field)) {
        return Optional.of(r.value());
      }
    }
    return Optional.empty();
  }

  /** Escapes {@code \}, {@code ,} and {@code =} with a backslash for use as a selector value. */
  public static String escapeValue(String value) {
    checkNotNull(value, "value");
    if (value.indexOf('\\') < 0 && value.indexOf(',') < 0 && value.indexOf('=') < 0) {
      return value;
    }
    StringBuilder sb = new StringBuilder(value.length() + 4);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == ',' || c == '=') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * Reverses {@link #escapeValue(String)}.
   *
   * @throws InvalidSelectorException on an unknown escape ({@code \x}), a trailing backslash, or an
   *     unescaped {@code ,} or {@code =} (reported as its code point, like upstream)
   */
  public static String unescapeValue(String value) {
    checkNotNull(value, "value");
    if (value.indexOf('\\') < 0 && value.indexOf(',') < 0 && value.indexOf('=') < 0) {
      return value;
    }
    StringBuilder sb = new StringBuilder(value.length());
    boolean escaped = false;
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      if (escaped) {
        if (c != '\\' && c != ',' && c != '=') {
          throw new InvalidSelectorException(
              "invalid field selector: invalid escape sequence: \\" + Character.toString(c));
        }
        sb.appendCodePoint(c);
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',' || c == '=') {
        throw new InvalidSelectorException(
            "invalid field selector: unescaped character in value: " + c);
      } else {
        sb.appendCodePoint(c);
      }
    }
    if (escaped) {
      throw new InvalidSelectorException("invalid field selector: invalid escape sequence: \\");
    }
    return sb.toString();
  }

  /** The canonical form: requirements joined with {@code ,}, values escaped; empty for everything. */
  @Override
  public String toString() {
    return Joiner.on(',').join(requirements);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FieldSelector s && nothing == s.nothing && requirements.equals(s.requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode() * 31 + (nothing ? 1 : 0);
  }
}
