package io.kapi.server.schema;

import com.google.common.net.InetAddresses;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The string formats upstream validates ({@code kube-openapi} {@code strfmt.Default}, restricted to
 * the formats {@code apiextensions-apiserver} keeps), and the rule that drops any other format
 * before validation ({@code StripUnsupportedFormatsPostProcess}).
 */
final class Formats {
  private Formats() {}

  /** Normalized (dash-free) names of the string formats kept for validation. */
  private static final Set<String> STRING_FORMATS =
      Set.of(
          "bsonobjectid",
          "uri",
          "email",
          "hostname",
          "ipv4",
          "ipv6",
          "cidr",
          "mac",
          "uuid",
          "uuid3",
          "uuid4",
          "uuid5",
          "isbn",
          "isbn10",
          "isbn13",
          "creditcard",
          "ssn",
          "hexcolor",
          "rgbcolor",
          "byte",
          "password",
          "date",
          "duration",
          "datetime",
          "k8sshortname",
          "k8slongname");

  private static final Pattern HOSTNAME =
      Pattern.compile(
          "^([a-zA-Z0-9\\p{S}\\p{L}]((-?[a-zA-Z0-9\\p{S}\\p{L}]{0,62})?)|([a-zA-Z0-9\\p{S}\\p{L}]"
              + "(([a-zA-Z0-9-\\p{S}\\p{L}]{0,61}[a-zA-Z0-9\\p{S}\\p{L}])?)(\\.)){1,}"
              + "([a-zA-Z\\p{L}]){2,63})$");
  private static final Pattern UUID =
      Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
  private static final Pattern UUID3 =
      Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
  private static final Pattern UUID4 =
      Pattern.compile(
          "(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$");
  private static final Pattern UUID5 =
      Pattern.compile(
          "(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$");
  private static final Pattern CREDIT_CARD =
      Pattern.compile(
          "^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}"
              + "|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\\d{3})\\d{11})$");
  private static final Pattern ISBN10 = Pattern.compile("^(?:[0-9]{9}X|[0-9]{10})$");
  private static final Pattern ISBN13 = Pattern.compile("^(?:[0-9]{13})$");
  private static final Pattern HEX_COLOR = Pattern.compile("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$");
  private static final String RGB_PART = "\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*";
  private static final Pattern RGB_COLOR =
      Pattern.compile("^rgb\\(" + RGB_PART + "," + RGB_PART + "," + RGB_PART + "\\)$");
  private static final Pattern BASE64 =
      Pattern.compile(
          "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$");
  private static final Pattern SSN = Pattern.compile("^\\d{3}[- ]?\\d{2}[- ]?\\d{4}$");
  private static final Pattern TIME_OF_DAY =
      Pattern.compile("^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$");
  private static final Pattern GO_DURATION =
      Pattern.compile("^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$");
  private static final Pattern LOOSE_DURATION = Pattern.compile("((\\d+)\\s*([A-Za-zµ]+))");
  private static final String[][] DURATION_UNITS = {
    {"ns", "nano"},
    {"us", "µs", "micro"},
    {"ms", "milli"},
    {"s", "sec"},
    {"m", "min"},
    {"h", "hr", "hour"},
    {"d", "day"},
    {"w", "wk", "week"}
  };
  private static final Pattern SHORT_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern LONG_NAME =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Pattern MAC =
      Pattern.compile(
          "^([0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){5}|[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){7}"
              + "|[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){19}|[0-9a-fA-F]{4}(\\.[0-9a-fA-F]{4}){2}"
              + "|[0-9a-fA-F]{4}(\\.[0-9a-fA-F]{4}){3}|[0-9a-fA-F]{4}(\\.[0-9a-fA-F]{4}){9})$");
  private static final Pattern EMAIL =
      Pattern.compile("^(?:[^<>@\\s]+\\s*<)?[^\\s@<>\"]+@[^\\s@<>\"]+>?$");
  private static final DateTimeFormatter FULL_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  /**
   * The format validation uses for a node: formats upstream does not support for the type are
   * dropped ({@code ""}), as {@code StripUnsupportedFormatsPostProcess} does.
   */
  static String effectiveFormat(@Nullable String type, @Nullable String format) {
    if (format == null || format.isEmpty()) {
      return "";
    }
    if (type == null || type.equals("string")) {
      return STRING_FORMATS.contains(normalize(format)) ? format : "";
    }
    return switch (type) {
      case "integer" -> format.equals("int32") || format.equals("int64") ? format : "";
      case "number" -> format.equals("float") || format.equals("double") ? format : "";
      default -> "";
    };
  }

  /** Whether the string format validator runs for this (effective) format. */
  static boolean isKnownStringFormat(String format) {
    return !format.isEmpty() && STRING_FORMATS.contains(normalize(format));
  }

  /** Whether {@code value} is valid for a known string format. */
  static boolean validates(String format, String value) {
    return switch (normalize(format)) {
      case "bsonobjectid" -> value.length() == 24 && value.chars().allMatch(Formats::isHex);
      case "uri" -> isRequestUri(value);
      case "email" -> EMAIL.matcher(value).matches();
      case "hostname" -> isHostname(value);
      case "ipv4" -> isIp(value) && value.contains(".");
      case "ipv6" -> isIp(value) && value.contains(":");
      case "cidr" -> isCidr(value);
      case "mac" -> MAC.matcher(value).matches();
      case "uuid" -> UUID.matcher(value).matches();
      case "uuid3" -> UUID3.matcher(value).matches();
      case "uuid4" -> UUID4.matcher(value).matches();
      case "uuid5" -> UUID5.matcher(value).matches();
      case "isbn" -> isIsbn10(value) || isIsbn13(value);
      case "isbn10" -> isIsbn10(value);
      case "isbn13" -> isIsbn13(value);
      case "creditcard" -> isCreditCard(value);
      case "ssn" -> value.length() == 11 && SSN.matcher(value).matches();
      case "hexcolor" -> HEX_COLOR.matcher(value).matches();
      case "rgbcolor" -> RGB_COLOR.matcher(value).matches();
      case "byte" -> BASE64.matcher(value).matches();
      case "password" -> true;
      case "date" -> isDate(value);
      case "duration" -> isDuration(value);
      case "datetime" -> isDateTime(value);
      case "k8sshortname" -> value.length() <= 63 && SHORT_NAME.matcher(value).matches();
      case "k8slongname" -> value.length() <= 253 && LONG_NAME.matcher(value).matches();
      default -> true;
    };
  }

  private static String normalize(String format) {
    return format.replace("-", "");
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Go's {@code url.ParseRequestURI}: an absolute URI or an absolute path. */
  private static boolean isRequestUri(String value) {
    if (value.isEmpty()) {
      return false;
    }
    try {
      URI uri = new URI(value);
      return uri.isAbsolute() || value.startsWith("/");
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean isHostname(String value) {
    if (!HOSTNAME.matcher(value).matches() || value.length() > 255) {
      return false;
    }
    for (String part : value.split("\\.", -1)) {
      if (part.length() > 63) {
        return false;
      }
    }
    return true;
  }

  /**
   * Go's {@code net.ParseIP}, tolerating leading zeros in IPv4 parts as upstream's sloppy parser.
   */
  private static boolean isIp(String value) {
    if (value.contains(":")) {
      return !value.contains("%") && InetAddresses.isInetAddress(value);
    }
    String[] parts = value.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCidr(String value) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String ip = value.substring(0, slash);
    String bits = value.substring(slash + 1);
    if (!isIp(ip)
        || bits.isEmpty()
        || bits.length() > 3
        || !bits.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int max = ip.contains(":") ? 128 : 32;
    return Integer.parseInt(bits) <= max;
  }

  private static boolean isIsbn10(String value) {
    String s = value.replaceAll("[\\s-]+", "");
    if (!ISBN10.matcher(s).matches()) {
      return false;
    }
    int checksum = 0;
    for (int i = 0; i < 9; i++) {
      checksum += (i + 1) * (s.charAt(i) - '0');
    }
    checksum += 10 * (s.charAt(9) == 'X' ? 10 : s.charAt(9) - '0');
    return checksum % 11 == 0;
  }

  private static boolean isIsbn13(String value) {
    String s = value.replaceAll("[\\s-]+", "");
    if (!ISBN13.matcher(s).matches()) {
      return false;
    }
    int checksum = 0;
    for (int i = 0; i < 12; i++) {
      checksum += (i % 2 == 0 ? 1 : 3) * (s.charAt(i) - '0');
    }
    return (s.charAt(12) - '0') - ((10 - (checksum % 10)) % 10) == 0;
  }

  private static boolean isCreditCard(String value) {
    String s = value.replaceAll("[^0-9]+", "");
    if (!CREDIT_CARD.matcher(s).matches()) {
      return false;
    }
    int sum = 0;
    boolean doubleIt = false;
    for (int i = s.length() - 1; i >= 0; i--) {
      int digit = s.charAt(i) - '0';
      if (doubleIt) {
        digit *= 2;
        sum += digit >= 10 ? (digit % 10) + 1 : digit;
      } else {
        sum += digit;
      }
      doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
  }

  private static boolean isDate(String value) {
    try {
      LocalDate.parse(value, FULL_DATE);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** kube-openapi's {@code IsDateTime}: a full date, a {@code t}, a time of day with offset. */
  private static boolean isDateTime(String value) {
    if (value.length() < 4) {
      return false;
    }
    String[] parts = value.toLowerCase(Locale.ROOT).split("t", -1);
    if (parts.length < 2 || !isDate(parts[0])) {
      return false;
    }
    Matcher m = TIME_OF_DAY.matcher(parts[1]);
    if (!m.find()) {
      return false;
    }
    return m.group(1).compareTo("23") <= 0
        && m.group(2).compareTo("59") <= 0
        && m.group(3).compareTo("59") <= 0;
  }

  /**
   * Go's {@code time.ParseDuration}, or the looser {@code <n> <unit>} sequence kube-openapi adds.
   */
  private static boolean isDuration(String value) {
    if (GO_DURATION.matcher(value).matches()) {
      return true;
    }
    Matcher m = LOOSE_DURATION.matcher(value);
    boolean ok = false;
    while (m.find()) {
      String unit = m.group(3).trim().toLowerCase(Locale.ROOT);
      for (String[] variants : DURATION_UNITS) {
        int last = variants.length - 1;
        for (int i = 0; i < variants.length; i++) {
          if ((i == last && unit.startsWith(variants[i])) || variants[i].equalsIgnoreCase(unit)) {
            ok = true;
          }
        }
      }
    }
    return ok;
  }
}
