package io.kapi.server.core.v1;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Upstream's format checks ({@code k8s.io/apimachinery/pkg/util/validation}) with their messages,
 * for the fields of core objects (container names, port names, config keys, IP addresses).
 */
final class Formats {
  private static final String LABEL_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String SUBDOMAIN_FORMAT = LABEL_FORMAT + "(\\." + LABEL_FORMAT + ")*";
  private static final String DNS1035_FORMAT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String CONFIG_KEY_FORMAT = "[-._a-zA-Z0-9]+";
  private static final String QUALIFIED_NAME_FORMAT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final Pattern LABEL = Pattern.compile(LABEL_FORMAT);
  private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FORMAT);
  private static final Pattern DNS1035 = Pattern.compile(DNS1035_FORMAT);
  private static final Pattern CONFIG_KEY = Pattern.compile(CONFIG_KEY_FORMAT);
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FORMAT);
  private static final Pattern PORT_NAME_CHARS = Pattern.compile("[-a-z0-9]+");
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  static final String IP_MESSAGE = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
  static final String IMMUTABLE = "field is immutable";
  static final Set<String> PROTOCOLS = Set.of("SCTP", "TCP", "UDP");
  static final List<String> PROTOCOLS_SORTED = List.of("SCTP", "TCP", "UDP");

  private Formats() {}

  /** Upstream's {@code IsDNS1123Label}, with its {@code must not contain dots} special case. */
  static List<String> dnsLabel(String value) {
    List<String> errors = new ArrayList<>(2);
    if (value.length() > 63) {
      errors.add(maxLength(63));
    }
    if (!LABEL.matcher(value).matches()) {
      if (SUBDOMAIN.matcher(value).matches()) {
        errors.add("must not contain dots");
      } else {
        errors.add(
            regexError(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or"
                    + " '-', and must start and end with an alphanumeric character",
                LABEL_FORMAT,
                "my-name",
                "123-abc"));
      }
    }
    return errors;
  }

  /** Upstream's {@code IsDNS1123Subdomain}. */
  static List<String> dnsSubdomain(String value) {
    List<String> errors = new ArrayList<>(2);
    if (value.length() > 253) {
      errors.add(maxLength(253));
    }
    if (!SUBDOMAIN.matcher(value).matches()) {
      errors.add(
          regexError(
              "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
                  + " '-' or '.', and must start and end with an alphanumeric character",
              SUBDOMAIN_FORMAT,
              "example.com"));
    }
    return errors;
  }

  /** Upstream's {@code IsDNS1035Label} (service names). */
  static List<String> dns1035Label(String value) {
    List<String> errors = new ArrayList<>(2);
    if (value.length() > 63) {
      errors.add(maxLength(63));
    }
    if (!DNS1035.matcher(value).matches()) {
      errors.add(
          regexError(
              "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start"
                  + " with an alphabetic character, and end with an alphanumeric character",
              DNS1035_FORMAT,
              "my-name",
              "abc-123"));
    }
    return errors;
  }

  /** Upstream's {@code IsConfigMapKey} (keys of configmaps and secrets). */
  static List<String> configKey(String value) {
    List<String> errors = new ArrayList<>(2);
    if (value.length() > 253) {
      errors.add(maxLength(253));
    }
    if (!CONFIG_KEY.matcher(value).matches()) {
      errors.add(
          regexError(
              "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
              CONFIG_KEY_FORMAT,
              "key.name",
              "KEY_NAME",
              "key-name"));
    }
    if (value.equals(".")) {
      errors.add("must not be '.'");
    } else if (value.equals("..")) {
      errors.add("must not be '..'");
    } else if (value.startsWith("..")) {
      errors.add("must not start with '..'");
    }
    return errors;
  }

  /** Upstream's {@code IsValidPortName} (IANA service names). */
  static List<String> portName(String port) {
    List<String> errors = new ArrayList<>();
    if (port.length() > 15) {
      errors.add(maxLength(15));
    }
    if (!PORT_NAME_CHARS.matcher(port).matches()) {
      errors.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (port.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
      errors.add("must contain at least one letter (a-z)");
    }
    if (port.contains("--")) {
      errors.add("must not contain consecutive hyphens");
    }
    if (!port.isEmpty() && (port.charAt(0) == '-' || port.charAt(port.length() - 1) == '-')) {
      errors.add("must not begin or end with a hyphen");
    }
    return errors;
  }

  /** Upstream's {@code IsValidPortNum}: the message if {@code port} is not in 1..65535. */
  static List<String> portNumber(long port) {
    return port >= 1 && port <= 65535 ? List.of() : List.of(inclusiveRange(1, 65535));
  }

  /**
   * A finalizer name ({@code ValidateFinalizerName}): a qualified name; one without a {@code /}
   * prefix must be one of the standard names.
   */
  static List<String> finalizerName(String value) {
    List<String> errors = new ArrayList<>(qualifiedName(value));
    if (value.indexOf('/') < 0
        && !Set.of("kubernetes", "orphan", "foregroundDeletion").contains(value)) {
      errors.add("name is neither a standard finalizer name nor is it fully qualified");
    }
    return errors;
  }

  /** Upstream's {@code IsQualifiedName}: {@code [prefix/]name}. */
  static List<String> qualifiedName(String value) {
    List<String> errors = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      name = parts[1];
      if (parts[0].isEmpty()) {
        errors.add("prefix part must be non-empty");
      } else {
        dnsSubdomain(parts[0]).forEach(e -> errors.add("prefix part " + e));
      }
    } else {
      errors.add(
          "a qualified name "
              + qualifiedNameRegexError()
              + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errors;
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else if (name.length() > 63) {
      errors.add("name part " + maxLength(63));
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errors.add("name part " + qualifiedNameRegexError());
    }
    return errors;
  }

  private static String qualifiedNameRegexError() {
    return regexError(
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
            + " alphanumeric character",
        QUALIFIED_NAME_FORMAT,
        "MyName",
        "my.name",
        "123-abc");
  }

  /**
   * Whether {@code value} parses as an IP address the way Go's {@code ParseIPSloppy} does: dotted
   * IPv4 (leading zeros allowed) or IPv6, never a host name.
   */
  static boolean isIp(String value) {
    return ipv4(value) != null || isIpv6(value);
  }

  /** The four octets of a dotted IPv4 address, or null. */
  static int @Nullable [] ipv4(String value) {
    var m = IPV4.matcher(value);
    if (!m.matches()) {
      return null;
    }
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      octets[i] = Integer.parseInt(m.group(i + 1));
      if (octets[i] > 255) {
        return null;
      }
    }
    return octets;
  }

  /** Whether {@code value} is an IPv6 address literal. */
  static boolean isIpv6(String value) {
    if (value.indexOf(':') < 0 || !IPV6_CHARS.matcher(value).matches()) {
      return false;
    }
    try {
      // a literal with a colon is parsed as IPv6 (never resolved); IPv4-mapped ones come back as
      // Inet4Address
      InetAddress.getByName(value);
      return true;
    } catch (UnknownHostException | IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code must be between lo and hi, inclusive}. */
  static String inclusiveRange(long lo, long hi) {
    return "must be between " + lo + " and " + hi + ", inclusive";
  }

  static String maxLength(int length) {
    return "must be no more than " + length + " characters";
  }

  /** Upstream's {@code RegexError} layout (note the doubled space before {@code or}). */
  static String regexError(String message, String regex, String... examples) {
    StringBuilder s = new StringBuilder(message).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        s.append(" or ");
      }
      s.append('\'').append(examples[i]).append("', ");
    }
    return s.append("regex used for validation is '").append(regex).append("')").toString();
  }
}
