package io.kapi.api.codec;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One parsed media range of a {@code Content-Type} or {@code Accept} header, such as {@code
 * application/json;as=Table;v=v1;g=meta.k8s.io}. Type, subtype and parameter names are lower-cased;
 * parameter values keep their case and lose their quotes.
 *
 * <pre>{@code
 * for (MediaType accepted : MediaType.parseList(request.getHeader("Accept"))) {
 *   if ("Table".equals(accepted.as()) && "meta.k8s.io".equals(accepted.group())) { ... }
 * }
 * }</pre>
 */
public record MediaType(String type, String subtype, Map<String, String> parameters) {

  public MediaType {
    checkNotNull(type, "type");
    checkNotNull(subtype, "subtype");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * Parses one media type; parameters without {@code =} are ignored.
   *
   * @throws IllegalArgumentException if there is no {@code type/subtype}
   */
  public static MediaType parse(String text) {
    checkNotNull(text, "text");
    List<String> parts = splitOutsideQuotes(text, ';');
    String essence = parts.get(0).trim().toLowerCase(Locale.ROOT);
    int slash = essence.indexOf('/');
    checkArgument(
        slash > 0 && slash < essence.length() - 1 && essence.indexOf('/', slash + 1) < 0,
        "invalid media type %s: expected type/subtype",
        text);
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < parts.size(); i++) {
      String p = parts.get(i).trim();
      int eq = p.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String value = p.substring(eq + 1).trim();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
      }
      params.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), value);
    }
    return new MediaType(essence.substring(0, slash), essence.substring(slash + 1), params);
  }

  /**
   * Parses a comma-separated header value such as an {@code Accept} header, keeping the order of
   * the header; malformed entries are skipped, as upstream's negotiation does. Empty for a blank
   * header.
   */
  public static List<MediaType> parseList(@Nullable String header) {
    List<MediaType> result = new ArrayList<>();
    if (header == null) {
      return result;
    }
    for (String entry : splitOutsideQuotes(header, ',')) {
      if (entry.isBlank()) {
        continue;
      }
      try {
        result.add(parse(entry));
      } catch (IllegalArgumentException malformed) {
        // skipped, like an unparseable clause in goautoneg
      }
    }
    return result;
  }

  private static List<String> splitOutsideQuotes(String s, char separator) {
    List<String> parts = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && quoted) {
        i++;
      } else if (c == separator && !quoted) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }

  /** {@code type/subtype} without parameters, e.g. {@code application/json}. */
  public String essence() {
    return type + "/" + subtype;
  }

  /** A parameter value, or null. */
  public @Nullable String parameter(String name) {
    return parameters.get(name.toLowerCase(Locale.ROOT));
  }

  /** The {@code as} parameter (the requested kind, e.g. {@code Table}), or null. */
  public @Nullable String as() {
    return parameters.get("as");
  }

  /** The {@code g} parameter (group of the requested kind), or null. */
  public @Nullable String group() {
    return parameters.get("g");
  }

  /** The {@code v} parameter (version of the requested kind), or null. */
  public @Nullable String version() {
    return parameters.get("v");
  }

  /** The {@code q} weight, 1.0 when absent or malformed. */
  public double quality() {
    String q = parameters.get("q");
    if (q == null) {
      return 1.0;
    }
    try {
      return Double.parseDouble(q);
    } catch (NumberFormatException e) {
      return 1.0;
    }
  }

  /**
   * Whether this range accepts {@code essence} ({@code type/subtype}), honouring {@code *} wildcards
   * ({@code *}{@code /*}, {@code application/*}).
   */
  public boolean accepts(String essence) {
    checkNotNull(essence, "essence");
    String lower = essence.toLowerCase(Locale.ROOT);
    int slash = lower.indexOf('/');
    if (slash < 0) {
      return false;
    }
    boolean typeMatches = type.equals("*") || type.equals(lower.substring(0, slash));
    boolean subtypeMatches = subtype.equals("*") || subtype.equals(lower.substring(slash + 1));
    return typeMatches && subtypeMatches;
  }

  /** The header form, e.g. {@code application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(essence());
    parameters.forEach((k, v) -> sb.append(';').append(k).append('=').append(v));
    return sb.toString();
  }
}
