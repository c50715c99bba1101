package io.kapi.api.selector;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A parsed label selector ({@code ?labelSelector=app=web,tier in (fe,be),!legacy}): an AND of
 * {@link LabelRequirement}s, kept sorted by key as upstream does so that {@link #toString()} is
 * canonical. Immutable and thread-safe.
 *
 * <pre>{@code
 * LabelSelector selector = LabelSelector.parse("env in (prod,staging),!canary");
 * if (selector.matches(object.getLabels())) { ... }
 * }</pre>
 */
public final class LabelSelector {
  private static final Comparator<LabelRequirement> BY_KEY =
      Comparator.comparing(LabelRequirement::key);
  private static final LabelSelector EVERYTHING = new LabelSelector(ImmutableList.of(), false);
  private static final LabelSelector NOTHING = new LabelSelector(ImmutableList.of(), true);

  private final ImmutableList<LabelRequirement> requirements;
  private final boolean nothing;

  private LabelSelector(ImmutableList<LabelRequirement> requirements, boolean nothing) {
    this.requirements = requirements;
    this.nothing = nothing;
  }

  /**
   * Parses upstream's label selector syntax: comma-separated requirements {@code k=v}, {@code
   * k==v}, {@code k!=v}, {@code k in (a,b)}, {@code k notin (a,b)}, {@code k} (exists), {@code !k}
   * (does not exist), {@code k>1}, {@code k<1}. The empty string selects everything.
   *
   * @throws InvalidSelectorException with upstream's message, e.g. {@code unable to parse
   *     requirement: found '', expected: in, notin, =, ==, !=, gt, lt}
   */
  public static LabelSelector parse(String selector) {
    checkNotNull(selector, "selector");
    List<LabelRequirement> parsed = new ArrayList<>(LabelSelectorParser.parse(selector));
    parsed.sort(BY_KEY);
    return parsed.isEmpty() ? EVERYTHING : new LabelSelector(ImmutableList.copyOf(parsed), false);
  }

  /** The selector that matches every label set (the empty selector). */
  public static LabelSelector everything() {
    return EVERYTHING;
  }

  /** The selector that matches nothing; its string form is empty. */
  public static LabelSelector nothing() {
    return NOTHING;
  }

  /**
   * Requires each label of {@code labels} with its value ({@code k=v} for every entry); empty
   * selects everything.
   *
   * @throws InvalidSelectorException if a key or value is not a valid label key or value
   */
  public static LabelSelector fromSet(Map<String, String> labels) {
    checkNotNull(labels, "labels");
    List<LabelRequirement> requirements = new ArrayList<>(labels.size());
    new TreeMap<>(labels)
        .forEach((k, v) -> requirements.add(LabelRequirement.of(k, Operator.EQUALS, List.of(v))));
    return requirements.isEmpty()
        ? EVERYTHING
        : new LabelSelector(ImmutableList.copyOf(requirements), false);
  }

  /** A selector with {@code more} requirements added (then sorted by key). */
  public LabelSelector add(LabelRequirement... more) {
    checkNotNull(more, "more");
    if (nothing) {
      return this;
    }
    List<LabelRequirement> all = new ArrayList<>(requirements);
    for (LabelRequirement r : more) {
      all.add(checkNotNull(r, "requirement"));
    }
    all.sort(BY_KEY);
    return new LabelSelector(ImmutableList.copyOf(all), false);
  }

  /** Whether every requirement matches {@code labels}; always false for {@link #nothing()}. */
  public boolean matches(Map<String, String> labels) {
    checkNotNull(labels, "labels");
    if (nothing) {
      return false;
    }
    for (LabelRequirement requirement : requirements) {
      if (!requirement.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** True if this selector does not restrict anything (everything). */
  public boolean isEmpty() {
    return !nothing && requirements.isEmpty();
  }

  /** True for {@link #nothing()}. */
  public boolean matchesNothing() {
    return nothing;
  }

  /** The requirements, sorted by key (empty for everything and nothing). */
  public List<LabelRequirement> requirements() {
    return requirements;
  }

  /**
   * The single value {@code label} must have, if the first requirement on {@code label} is
   * {@code =}, {@code ==} or an {@code in} with one value — what an index lookup can use.
   */
  public Optional<String> requiresExactMatch(String label) {
    checkNotNull(label, "label");
    for (LabelRequirement r : requirements) {
      if (r.key().equals(label)) {
        boolean exact =
            r.operator() == Operator.EQUALS
                || r.operator() == Operator.DOUBLE_EQUALS
                || r.operator() == Operator.IN;
        return exact && r.values().size() == 1 ? Optional.of(r.values().get(0)) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The canonical form: requirements sorted by key, joined with {@code ,}; empty for everything. */
  @Override
  public String toString() {
    return Joiner.on(',').join(requirements);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LabelSelector s && nothing == s.nothing && requirements.equals(s.requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode() * 31 + (nothing ? 1 : 0);
  }
}
