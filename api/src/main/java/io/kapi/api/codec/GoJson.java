package io.kapi.api.codec;

import io.kapi.api.internal.GoFloats;
import io.kapi.api.internal.Rfc3339;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.util.JsonGeneratorDecorator;
import tools.jackson.core.util.JsonGeneratorDelegate;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * What makes Jackson write JSON the way Go's {@code encoding/json} does: HTML-safe escapes, Go's
 * float layout, and {@code metav1.Time} as RFC 3339 seconds.
 */
final class GoJson {
  private GoJson() {}

  /** Escapes {@code < > &} and U+2028/U+2029 as {@code \u003c} etc., like Go's HTML-safe encoder. */
  static final class Escapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    static final Escapes INSTANCE = new Escapes();

    private static final SerializableString LT = new SerializedString("\\u003c");
    private static final SerializableString GT = new SerializedString("\\u003e");
    private static final SerializableString AMP = new SerializedString("\\u0026");
    private static final SerializableString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializableString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

    private final int[] ascii;

    private Escapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii['<'] = ESCAPE_CUSTOM;
      ascii['>'] = ESCAPE_CUSTOM;
      ascii['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public @Nullable SerializableString getEscapeSequence(int ch) {
      return switch (ch) {
        case '<' -> LT;
        case '>' -> GT;
        case '&' -> AMP;
        case 0x2028 -> LINE_SEPARATOR;
        case 0x2029 -> PARAGRAPH_SEPARATOR;
        default -> null;
      };
    }
  }

  /** Routes every float through {@link GoFloats} so numbers look as Go writes them. */
  static final JsonGeneratorDecorator FLOATS =
      (factory, generator) ->
          new JsonGeneratorDelegate(generator, true) {
            @Override
            public JsonGenerator writeNumber(double v) throws JacksonException {
              return super.writeNumber(GoFloats.format(v));
            }

            @Override
            public JsonGenerator writeNumber(float v) throws JacksonException {
              return super.writeNumber(GoFloats.format(v));
            }
          };

  /** {@link Instant} as {@code metav1.Time}. */
  static SimpleModule timeModule() {
    SimpleModule module = new SimpleModule("kapi-time");
    module.addSerializer(Instant.class, new InstantSerializer());
    module.addDeserializer(Instant.class, new InstantDeserializer());
    return module;
  }

  private static final class InstantSerializer extends StdSerializer<Instant> {
    InstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
      gen.writeString(Rfc3339.format(value));
    }
  }

  private static final class InstantDeserializer extends StdDeserializer<Instant> {
    InstantDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      String text = p.getString();
      try {
        return Rfc3339.parse(text);
      } catch (IllegalArgumentException e) {
        return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, e.getMessage());
      }
    }
  }
}
