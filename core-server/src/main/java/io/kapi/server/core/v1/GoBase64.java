package io.kapi.server.core.v1;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Standard padded base64 as Go's {@code encoding/base64.StdEncoding} decodes the {@code []byte}
 * fields of JSON (secret {@code data}, configmap {@code binaryData}): line breaks are skipped and
 * an error names the offset of the first bad input byte, as {@code illegal base64 data at input
 * byte N}.
 */
final class GoBase64 {
  private static final byte[] DECODE = new byte[256];

  static {
    java.util.Arrays.fill(DECODE, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      DECODE[alphabet.charAt(i)] = (byte) i;
    }
  }

  /** Malformed base64; {@link #getMessage()} is Go's {@code CorruptInputError} text. */
  static final class CorruptInputException extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptInputException(long offset) {
      super("illegal base64 data at input byte " + offset);
    }
  }

  private GoBase64() {}

  /** The canonical encoding (padded, no line breaks). */
  static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Decodes {@code text} (taken as its UTF-8 bytes, as Go sees it).
   *
   * @throws CorruptInputException at the offset Go reports
   */
  static byte[] decode(String text) throws CorruptInputException {
    byte[] src = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(src.length * 3 / 4);
    int si = 0;
    while (true) {
      int[] quantum = new int[4];
      int length = 4;
      boolean last = false;
      int j = 0;
      while (j < 4) {
        if (si == src.length) {
          if (j == 0) {
            return out.toByteArray();
          }
          throw new CorruptInputException(si - j);
        }
        int in = src[si] & 0xff;
        si++;
        int value = DECODE[in];
        if (value >= 0) {
          quantum[j++] = value;
          continue;
        }
        if (in == '\n' || in == '\r') {
          continue;
        }
        if (in != '=') {
          throw new CorruptInputException(si - 1);
        }
        // padding: only after two or three symbols, and it ends the input
        if (j < 2) {
          throw new CorruptInputException(si - 1);
        }
        if (j == 2) {
          si = skipLineBreaks(src, si);
          if (si == src.length) {
            throw new CorruptInputException(src.length);
          }
          if (src[si] != '=') {
            throw new CorruptInputException(si - 1);
          }
          si++;
        }
        si = skipLineBreaks(src, si);
        if (si < src.length) {
          throw new CorruptInputException(si);
        }
        length = j;
        last = true;
        break;
      }
      int bits = (quantum[0] << 18) | (quantum[1] << 12) | (quantum[2] << 6) | quantum[3];
      out.write(bits >> 16);
      if (length > 2) {
        out.write((bits >> 8) & 0xff);
      }
      if (length > 3) {
        out.write(bits & 0xff);
      }
      if (last) {
        return out.toByteArray();
      }
    }
  }

  private static int skipLineBreaks(byte[] src, int si) {
    while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
      si++;
    }
    return si;
  }
}
