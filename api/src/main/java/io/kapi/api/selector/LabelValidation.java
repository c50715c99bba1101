package io.kapi.api.selector;

import io.kapi.api.internal.GoStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Label key and value syntax, with upstream's messages ({@code content.IsLabelKey}, {@code IsLabelValue}). */
final class LabelValidation {
  private static final String KEY_FORMAT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final Pattern KEY = Pattern.compile(KEY_FORMAT);
  private static final String KEY_MESSAGE =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character";
  private static final String VALUE_FORMAT = "(" + KEY_FORMAT + ")?";
  private static final Pattern VALUE = Pattern.compile(VALUE_FORMAT);
  private static final String VALUE_MESSAGE =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character";
  private static final String DNS_LABEL_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String SUBDOMAIN_FORMAT =
      DNS_LABEL_FORMAT + "(\\." + DNS_LABEL_FORMAT + ")*";
  private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FORMAT);
  private static final String SUBDOMAIN_MESSAGE =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character";
  private static final int NAME_MAX = 63;
  private static final int VALUE_MAX = 63;
  private static final int SUBDOMAIN_MAX = 253;

  private LabelValidation() {}

  /** The problems of a label key ({@code [prefix/]name}); empty if valid. */
  static List<String> keyErrors(String key) {
    List<String> errors = new ArrayList<>();
    String[] parts = key.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        errors.add("prefix part must be non-empty");
      } else {
        for (String e : subdomainErrors(prefix)) {
          errors.add("prefix part " + e);
        }
      }
    } else {
      errors.add(
          "a valid label key "
              + regexError(KEY_MESSAGE, KEY_FORMAT, "MyName", "my.name", "123-abc")
              + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errors;
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else if (GoStrings.utf8Length(name) > NAME_MAX) {
      errors.add("name part " + maxLenError(NAME_MAX));
    }
    if (!KEY.matcher(name).matches()) {
      errors.add("name part " + regexError(KEY_MESSAGE, KEY_FORMAT, "MyName", "my.name", "123-abc"));
    }
    return errors;
  }

  /** The problems of a label value; empty if valid. */
  static List<String> valueErrors(String value) {
    List<String> errors = new ArrayList<>();
    if (GoStrings.utf8Length(value) > VALUE_MAX) {
      errors.add(maxLenError(VALUE_MAX));
    }
    if (!VALUE.matcher(value).matches()) {
      errors.add(regexError(VALUE_MESSAGE, VALUE_FORMAT, "MyValue", "my_value", "12345"));
    }
    return errors;
  }

  private static List<String> subdomainErrors(String value) {
    List<String> errors = new ArrayList<>();
    if (GoStrings.utf8Length(value) > SUBDOMAIN_MAX) {
      errors.add(maxLenError(SUBDOMAIN_MAX));
    }
    if (!SUBDOMAIN.matcher(value).matches()) {
      errors.add(regexError(SUBDOMAIN_MESSAGE, SUBDOMAIN_FORMAT, "example.com"));
    }
    return errors;
  }

  private static String maxLenError(int length) {
    return "must be no more than " + length + " bytes";
  }

  /** Upstream's {@code RegexError} layout, double spaces before {@code or} included. */
  private static String regexError(String message, String regex, String... examples) {
    StringBuilder sb = new StringBuilder(message).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        sb.append(" or ");
      }
      sb.append('\'').append(examples[i]).append("', ");
    }
    return sb.append("regex used for validation is '").append(regex).append("')").toString();
  }

  /** {@code <field>: Invalid value: "<value>": <details joined by "; ">} as a field error. */
  static String invalid(String field, String value, List<String> details) {
    return field + ": Invalid value: " + GoStrings.quote(value) + ": " + String.join("; ", details);
  }
}
