package io.kapi.server.registry;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How {@code metadata.name} (and the {@code generateName} prefix) of a resource is validated, with
 * upstream's rules and messages ({@code k8s.io/apimachinery/pkg/util/validation}): most resources
 * use a DNS-1123 subdomain, some (namespaces, services) a DNS-1123 label, a few only require a valid
 * path segment.
 */
public enum NameValidation {
  /** Lowercase RFC 1123 subdomain, at most 253 characters ({@code example.com}). */
  DNS_SUBDOMAIN,
  /** Lowercase RFC 1123 label, at most 63 characters ({@code my-name}). */
  DNS_LABEL,
  /** Anything that can be a path segment: not {@code .} or {@code ..}, no {@code /} or {@code %}. */
  PATH_SEGMENT;

  static final String LABEL_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  static final String SUBDOMAIN_FORMAT = LABEL_FORMAT + "(\\." + LABEL_FORMAT + ")*";
  private static final Pattern LABEL = Pattern.compile(LABEL_FORMAT);
  private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FORMAT);
  private static final String LABEL_MESSAGE =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character";
  private static final String SUBDOMAIN_MESSAGE =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character";

  /**
   * The problems of {@code name}, empty if it is valid. With {@code prefix} the value is a {@code
   * generateName} prefix, which may end with a dash.
   */
  public List<String> validate(String name, boolean prefix) {
    checkNotNull(name, "name");
    String value = prefix ? maskTrailingDash(name) : name;
    return switch (this) {
      case DNS_SUBDOMAIN -> dnsSubdomain(value);
      case DNS_LABEL -> dnsLabel(value);
      case PATH_SEGMENT -> pathSegment(value);
    };
  }

  /** Upstream's {@code IsDNS1123Subdomain}. */
  static List<String> dnsSubdomain(String value) {
    List<String> errors = new ArrayList<>(2);
    if (value.length() > 253) {
      errors.add(maxLength(253));
    }
    if (!SUBDOMAIN.matcher(value).matches()) {
      errors.add(regexError(SUBDOMAIN_MESSAGE, SUBDOMAIN_FORMAT, "example.com"));
    }
    return errors;
  }

  /** Upstream's {@code IsDNS1123Label}. */
  static List<String> dnsLabel(String value) {
    List<String> errors = new ArrayList<>(2);
    if (value.length() > 63) {
      errors.add(maxLength(63));
    }
    if (!LABEL.matcher(value).matches()) {
      errors.add(regexError(LABEL_MESSAGE, LABEL_FORMAT, "my-name", "123-abc"));
    }
    return errors;
  }

  /** Upstream's {@code IsValidPathSegmentName}. */
  static List<String> pathSegment(String value) {
    List<String> errors = new ArrayList<>(2);
    if (value.equals(".") || value.equals("..")) {
      errors.add("may not be '" + value + "'");
      return errors;
    }
    if (value.indexOf('/') >= 0) {
      errors.add("may not contain '/'");
    }
    if (value.indexOf('%') >= 0) {
      errors.add("may not contain '%'");
    }
    return errors;
  }

  private static String maskTrailingDash(String name) {
    return name.length() > 1 && name.endsWith("-")
        ? name.substring(0, name.length() - 2) + "a"
        : name;
  }

  static String maxLength(int length) {
    return "must be no more than " + length + " characters";
  }

  static String regexError(String message, String regex, String... examples) {
    StringBuilder s = new StringBuilder(message);
    if (examples.length == 0) {
      return s.append(" (regex used for validation is '").append(regex).append("')").toString();
    }
    s.append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        s.append(" or ");
      }
      s.append('\'').append(examples[i]).append("', ");
    }
    return s.append("regex used for validation is '").append(regex).append("')").toString();
  }
}
