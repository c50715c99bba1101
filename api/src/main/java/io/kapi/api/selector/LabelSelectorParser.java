package io.kapi.api.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Parses the label selector grammar of upstream's {@code labels.Parse}, with its tokens, its
 * context rule ({@code in}/{@code notin} are plain words where a value is expected) and its error
 * messages.
 *
 * <pre>
 * selector    := requirement ( "," requirement )*
 * requirement := [ "!" ] KEY [ ( "in" | "notin" ) "(" VALUES ")" | ( "=" | "==" | "!=" | "&gt;" | "&lt;" ) VALUE ]
 * </pre>
 */
final class LabelSelectorParser {
  private enum Token {
    ERROR,
    END,
    CLOSE_PAREN,
    COMMA,
    NOT,
    DOUBLE_EQUALS,
    EQUALS,
    GREATER_THAN,
    IDENTIFIER,
    IN,
    LESS_THAN,
    NOT_EQUALS,
    NOT_IN,
    OPEN_PAREN
  }

  private record Item(Token token, String literal) {}

  /** Where the parser is: after a key an {@code in} is an operator, elsewhere a word. */
  private enum Context {
    KEY_AND_OPERATOR,
    VALUES
  }

  private static final String BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

  private final List<Item> items = new ArrayList<>();
  private int position;

  private LabelSelectorParser(String input) {
    Lexer lexer = new Lexer(input);
    Item item;
    do {
      item = lexer.next();
      items.add(item);
    } while (item.token != Token.END);
  }

  /** The requirements of {@code input}, unsorted. */
  static List<LabelRequirement> parse(String input) {
    return new LabelSelectorParser(input).parseSelector();
  }

  private List<LabelRequirement> parseSelector() {
    List<LabelRequirement> requirements = new ArrayList<>();
    while (true) {
      Item next = lookahead(Context.VALUES);
      switch (next.token) {
        case IDENTIFIER, NOT -> {
          try {
            requirements.add(parseRequirement());
          } catch (InvalidSelectorException e) {
            throw new InvalidSelectorException("unable to parse requirement: " + e.getMessage());
          }
          Item after = consume(Context.VALUES);
          switch (after.token) {
            case END -> {
              return requirements;
            }
            case COMMA -> {
              Item following = lookahead(Context.VALUES);
              if (following.token != Token.IDENTIFIER && following.token != Token.NOT) {
                throw error("found '%s', expected: identifier after ','", following.literal);
              }
            }
            default -> throw error("found '%s', expected: ',' or 'end of string'", after.literal);
          }
        }
        case END -> {
          return requirements;
        }
        default -> throw error(
            "found '%s', expected: !, identifier, or 'end of string'", next.literal);
      }
    }
  }

  private LabelRequirement parseRequirement() {
    Item first = consume(Context.VALUES);
    @Nullable Operator operator = null;
    if (first.token == Token.NOT) {
      operator = Operator.DOES_NOT_EXIST;
      first = consume(Context.VALUES);
    }
    if (first.token != Token.IDENTIFIER) {
      throw error("found '%s', expected: identifier", first.literal);
    }
    String key = first.literal;
    List<String> keyErrors = LabelValidation.keyErrors(key);
    if (!keyErrors.isEmpty()) {
      // upstream validates with a nil field path, which prints as "<nil>"
      throw new InvalidSelectorException(LabelValidation.invalid("<nil>", key, keyErrors));
    }
    Token next = lookahead(Context.VALUES).token;
    if (next == Token.END || next == Token.COMMA) {
      if (operator == null) {
        operator = Operator.EXISTS;
      }
    }
    if (operator == Operator.EXISTS || operator == Operator.DOES_NOT_EXIST) {
      return LabelRequirement.of(key, operator, List.of());
    }
    operator = parseOperator();
    TreeSet<String> values =
        switch (operator) {
          case IN, NOT_IN -> parseValues();
          default -> parseExactValue();
        };
    return LabelRequirement.of(key, operator, List.copyOf(values));
  }

  private Operator parseOperator() {
    Item item = consume(Context.KEY_AND_OPERATOR);
    return switch (item.token) {
      case IN -> Operator.IN;
      case EQUALS -> Operator.EQUALS;
      case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
      case GREATER_THAN -> Operator.GREATER_THAN;
      case LESS_THAN -> Operator.LESS_THAN;
      case NOT_IN -> Operator.NOT_IN;
      case NOT_EQUALS -> Operator.NOT_EQUALS;
      default -> throw error("found '%s', expected: %s", item.literal, BINARY_OPERATORS);
    };
  }

  /** {@code (a,b,,c)}: a set; empty entries and {@code ()} contribute the empty string. */
  private TreeSet<String> parseValues() {
    Item open = consume(Context.VALUES);
    if (open.token != Token.OPEN_PAREN) {
      throw error("found '%s' expected: '('", open.literal);
    }
    Item first = lookahead(Context.VALUES);
    switch (first.token) {
      case IDENTIFIER, COMMA -> {
        TreeSet<String> values = parseIdentifierList();
        if (consume(Context.VALUES).token != Token.CLOSE_PAREN) {
          throw error("found '%s', expected: ')'", first.literal);
        }
        return values;
      }
      case CLOSE_PAREN -> {
        consume(Context.VALUES);
        TreeSet<String> values = new TreeSet<>();
        values.add("");
        return values;
      }
      default -> throw error("found '%s', expected: ',', ')' or identifier", first.literal);
    }
  }

  private TreeSet<String> parseIdentifierList() {
    TreeSet<String> values = new TreeSet<>();
    while (true) {
      Item item = consume(Context.VALUES);
      switch (item.token) {
        case IDENTIFIER -> {
          values.add(item.literal);
          Item next = lookahead(Context.VALUES);
          if (next.token == Token.CLOSE_PAREN) {
            return values;
          }
          if (next.token != Token.COMMA) {
            throw error("found '%s', expected: ',' or ')'", next.literal);
          }
        }
        case COMMA -> {
          if (values.isEmpty()) {
            values.add("");
          }
          Token next = lookahead(Context.VALUES).token;
          if (next == Token.CLOSE_PAREN) {
            values.add("");
            return values;
          }
          if (next == Token.COMMA) {
            values.add("");
          }
        }
        default -> throw error("found '%s', expected: ',', or identifier", item.literal);
      }
    }
  }

  private TreeSet<String> parseExactValue() {
    TreeSet<String> values = new TreeSet<>();
    Token next = lookahead(Context.VALUES).token;
    if (next == Token.END || next == Token.COMMA) {
      values.add("");
      return values;
    }
    Item item = consume(Context.VALUES);
    if (item.token != Token.IDENTIFIER) {
      throw error("found '%s', expected: identifier", item.literal);
    }
    values.add(item.literal);
    return values;
  }

  private Item lookahead(Context context) {
    return inContext(items.get(position), context);
  }

  private Item consume(Context context) {
    return inContext(items.get(position++), context);
  }

  private static Item inContext(Item item, Context context) {
    if (context == Context.VALUES && (item.token == Token.IN || item.token == Token.NOT_IN)) {
      return new Item(Token.IDENTIFIER, item.literal);
    }
    return item;
  }

  private static InvalidSelectorException error(String format, Object... args) {
    return new InvalidSelectorException(String.format(format, args));
  }

  /** Splits the input into tokens; like upstream it works on characters and stops at NUL. */
  private static final class Lexer {
    private final String input;
    private int pos;

    Lexer(String input) {
      this.input = input;
    }

    private char read() {
      if (pos < input.length()) {
        return input.charAt(pos++);
      }
      return 0;
    }

    private void unread() {
      pos--;
    }

    Item next() {
      char c = read();
      while (isWhitespace(c)) {
        c = read();
      }
      if (c == 0) {
        return new Item(Token.END, "");
      }
      unread();
      return isSpecial(c) ? scanSpecial() : scanWord();
    }

    private Item scanWord() {
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = read();
        if (c == 0) {
          break;
        }
        if (isSpecial(c) || isWhitespace(c)) {
          unread();
          break;
        }
        sb.append(c);
      }
      String word = sb.toString();
      return switch (word) {
        case "in" -> new Item(Token.IN, word);
        case "notin" -> new Item(Token.NOT_IN, word);
        default -> new Item(Token.IDENTIFIER, word);
      };
    }

    /** The longest operator token at the current position ({@code !=} rather than {@code !}). */
    private Item scanSpecial() {
      StringBuilder sb = new StringBuilder();
      @Nullable Item last = null;
      while (true) {
        char c = read();
        if (c == 0) {
          break;
        }
        if (!isSpecial(c)) {
          unread();
          break;
        }
        sb.append(c);
        Token token = symbolToken(sb.toString());
        if (token != null) {
          last = new Item(token, sb.toString());
        } else if (last != null) {
          unread();
          break;
        }
      }
      if (last == null) {
        return new Item(Token.ERROR, "error expected: keyword found '" + sb + "'");
      }
      return last;
    }

    private static @Nullable Token symbolToken(String s) {
      return switch (s) {
        case ")" -> Token.CLOSE_PAREN;
        case "," -> Token.COMMA;
        case "!" -> Token.NOT;
        case "==" -> Token.DOUBLE_EQUALS;
        case "=" -> Token.EQUALS;
        case ">" -> Token.GREATER_THAN;
        case "<" -> Token.LESS_THAN;
        case "!=" -> Token.NOT_EQUALS;
        case "(" -> Token.OPEN_PAREN;
        default -> null;
      };
    }

    private static boolean isWhitespace(char c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isSpecial(char c) {
      return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
    }
  }
}
