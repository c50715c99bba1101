package io.kapi.server.endpoints;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import io.kapi.api.errors.FieldError;
import io.kapi.api.meta.ListOptions;
import io.kapi.api.selector.FieldSelector;
import io.kapi.api.selector.InvalidSelectorException;
import io.kapi.api.selector.LabelSelector;
import io.kapi.pathrecorder.GoQuote;
import io.kapi.server.registry.FieldValidation;
import io.kapi.server.registry.ListParams;
import io.kapi.server.registry.RegistryErrors;
import io.kapi.server.registry.WatchParams;
import io.kapi.server.registry.WriteOptions;
import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the query parameters of resource requests the way upstream's parameter codec converts
 * them ({@code ListOptions}, {@code CreateOptions}...), and validates them with upstream's rules and
 * messages: malformed numbers and selectors are 400 BadRequest, invalid combinations 422 Invalid on
 * the options kind of {@code meta.k8s.io}.
 */
final class QueryParams {
  private final HttpServerExchange exchange;

  QueryParams(HttpServerExchange exchange) {
    this.exchange = exchange;
  }

  /** The first value of {@code name}, or null when absent. */
  @Nullable String first(String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null || values.isEmpty() ? null : values.peekFirst();
  }

  /** Every value of {@code name}. */
  List<String> all(String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null ? List.of() : List.copyOf(values);
  }

  /** Go's bool conversion of query values: absent false, {@code 0}/{@code false} false, else true. */
  boolean flag(String name) {
    String value = first(name);
    return value != null && !value.equals("0") && !value.equalsIgnoreCase("false");
  }

  /** Like {@link #flag} but null when absent. */
  @Nullable Boolean optionalFlag(String name) {
    return first(name) == null ? null : flag(name);
  }

  /** An int64 parameter, {@code fallback} when absent; 400 with Go's message when malformed. */
  long int64(String name, long fallback) {
    String value = first(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      boolean outOfRange = value.matches("[+-]?[0-9]+");
      throw ApiErrors.badRequest(
          "strconv.ParseInt: parsing "
              + GoQuote.quote(value)
              + ": "
              + (outOfRange ? "value out of range" : "invalid syntax"));
    }
  }

  boolean isWatch() {
    return flag("watch");
  }

  LabelSelector labelSelector() {
    String value = first("labelSelector");
    try {
      return value == null ? LabelSelector.everything() : LabelSelector.parse(value);
    } catch (InvalidSelectorException e) {
      throw ApiErrors.badRequest(e.getMessage());
    }
  }

  FieldSelector fieldSelector() {
    String value = first("fieldSelector");
    try {
      return value == null ? FieldSelector.everything() : FieldSelector.parse(value);
    } catch (InvalidSelectorException e) {
      throw ApiErrors.badRequest(e.getMessage());
    }
  }

  /**
   * The list parameters, validated as upstream's {@code ValidateListOptions} for a list.
   *
   * @throws ApiException 400 for malformed values, 422 on {@code ListOptions} for invalid
   *     combinations
   */
  ListParams listParams() {
    LabelSelector labels = labelSelector();
    FieldSelector fields = fieldSelector();
    long limit = int64("limit", 0);
    String rv = nonEmpty(first("resourceVersion"));
    String match = nonEmpty(first("resourceVersionMatch"));
    String continueToken = nonEmpty(first("continue"));
    List<FieldError> errors = new ArrayList<>();
    if (match != null) {
      if (rv == null) {
        errors.add(
            FieldError.forbidden(
                "resourceVersionMatch",
                "resourceVersionMatch is forbidden unless resourceVersion is provided"));
      }
      if (continueToken != null) {
        errors.add(
            FieldError.forbidden(
                "resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
      }
      if (!match.equals(ListOptions.MATCH_EXACT) && !match.equals(ListOptions.MATCH_NOT_OLDER_THAN)) {
        errors.add(
            FieldError.notSupported(
                "resourceVersionMatch",
                match,
                List.of(ListOptions.MATCH_EXACT, ListOptions.MATCH_NOT_OLDER_THAN, "")));
      }
      if (match.equals(ListOptions.MATCH_EXACT) && "0".equals(rv)) {
        errors.add(
            FieldError.forbidden(
                "resourceVersionMatch",
                "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
      }
    }
    if (first("sendInitialEvents") != null) {
      errors.add(FieldError.forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
    }
    if (!errors.isEmpty()) {
      throw RegistryErrors.invalidOptions("ListOptions", errors);
    }
    return new ListParams(labels, fields, rv, match, Math.max(0, limit), continueToken);
  }

  /**
   * The watch parameters, validated as upstream's {@code validateWatchOptions} (WatchList
   * enabled).
   */
  WatchParams watchParams() {
    LabelSelector labels = labelSelector();
    FieldSelector fields = fieldSelector();
    int64("limit", 0);
    String rv = nonEmpty(first("resourceVersion"));
    String match = nonEmpty(first("resourceVersionMatch"));
    Boolean sendInitialEvents = optionalFlag("sendInitialEvents");
    List<FieldError> errors = new ArrayList<>();
    if (sendInitialEvents != null && !ListOptions.MATCH_NOT_OLDER_THAN.equals(match)) {
      errors.add(
          FieldError.forbidden(
              "resourceVersionMatch",
              "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
    }
    if (match != null) {
      if (sendInitialEvents == null) {
        errors.add(
            FieldError.forbidden(
                "resourceVersionMatch",
                "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
      }
      if (!match.equals(ListOptions.MATCH_NOT_OLDER_THAN)) {
        errors.add(
            FieldError.notSupported(
                "resourceVersionMatch", match, List.of(ListOptions.MATCH_NOT_OLDER_THAN)));
      }
      if (nonEmpty(first("continue")) != null) {
        errors.add(
            FieldError.forbidden(
                "resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
      }
    }
    if (!errors.isEmpty()) {
      throw RegistryErrors.invalidOptions("ListOptions", errors);
    }
    return new WatchParams(labels, fields, rv, flag("allowWatchBookmarks"), sendInitialEvents);
  }

  /**
   * The options of a create, update or patch ({@code optionsKind} {@code CreateOptions}, {@code
   * UpdateOptions}, {@code PatchOptions}): dry run and field validation.
   */
  WriteOptions writeOptions(String optionsKind) {
    List<FieldError> errors = new ArrayList<>(dryRunErrors());
    String validation = first("fieldValidation");
    FieldValidation fieldValidation = FieldValidation.WARN;
    if (validation != null && !validation.isEmpty()) {
      fieldValidation = null;
      for (FieldValidation v : FieldValidation.values()) {
        if (v.wireName().equals(validation)) {
          fieldValidation = v;
        }
      }
      if (fieldValidation == null) {
        errors.add(
            FieldError.notSupported(
                "fieldValidation", validation, List.of("", "Ignore", "Strict", "Warn")));
        fieldValidation = FieldValidation.WARN;
      }
    }
    if (!errors.isEmpty()) {
      throw RegistryErrors.invalidOptions(optionsKind, errors);
    }
    return new WriteOptions(!all("dryRun").isEmpty(), fieldValidation);
  }

  /** Upstream's {@code ValidateDryRun}: only {@code All} is allowed. */
  List<FieldError> dryRunErrors() {
    List<String> dryRun = all("dryRun");
    for (String value : dryRun) {
      if (!value.equals("All")) {
        return List.of(
            FieldError.notSupported("dryRun", new GoStringSlice(dryRun), List.of("All")));
      }
    }
    return List.of();
  }

  private static @Nullable String nonEmpty(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /** Prints as Go's {@code %#v} of a {@code []string}. */
  record GoStringSlice(List<String> values) {
    @Override
    public String toString() {
      StringBuilder s = new StringBuilder("[]string{");
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          s.append(", ");
        }
        s.append(GoQuote.quote(values.get(i)));
      }
      return s.append('}').toString();
    }
  }
}
