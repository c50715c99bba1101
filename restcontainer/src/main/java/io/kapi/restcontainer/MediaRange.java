package io.kapi.restcontainer;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A media type or range reduced to what routing compares: lower-case {@code type} and
 * {@code subtype}, either of which may be {@code *}. Parameters ({@code ;charset=utf-8},
 * {@code ;as=Table;g=meta.k8s.io}, {@code ;stream=watch}) are dropped: the handler negotiates
 * them itself.
 */
record MediaRange(String type, String subtype) {

  static final MediaRange ANY = new MediaRange("*", "*");
  static final MediaRange OCTET_STREAM = new MediaRange("application", "octet-stream");

  /**
   * Parses {@code text} such as {@code application/json;charset=utf-8}; a lone {@code *} is
   * {@code *}/{@code *}. Returns null if it is not {@code type/subtype} or is {@code *}/x.
   */
  static @Nullable MediaRange parse(String text) {
    int semicolon = text.indexOf(';');
    String essence = (semicolon < 0 ? text : text.substring(0, semicolon)).trim();
    if (essence.equals("*")) {
      return ANY;
    }
    int slash = essence.indexOf('/');
    if (slash <= 0 || slash == essence.length() - 1 || essence.indexOf('/', slash + 1) >= 0) {
      return null;
    }
    String type = essence.substring(0, slash).trim().toLowerCase(Locale.ROOT);
    String subtype = essence.substring(slash + 1).trim().toLowerCase(Locale.ROOT);
    if (type.isEmpty() || subtype.isEmpty() || (type.equals("*") && !subtype.equals("*"))) {
      return null;
    }
    return new MediaRange(type, subtype);
  }

  /** Whether this range and {@code other} have a type in common (a {@code *} matches anything). */
  boolean overlaps(MediaRange other) {
    return part(type, other.type) && part(subtype, other.subtype);
  }

  private static boolean part(String a, String b) {
    return a.equals("*") || b.equals("*") || a.equals(b);
  }

  @Override
  public String toString() {
    return type + "/" + subtype;
  }
}
