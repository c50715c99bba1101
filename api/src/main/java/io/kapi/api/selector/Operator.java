package io.kapi.api.selector;

/**
 * The operators of selector requirements, with upstream's {@code selection.Operator} spelling
 * ({@link #symbol()}).
 */
public enum Operator {
  IN("in"),
  NOT_IN("notin"),
  EQUALS("="),
  DOUBLE_EQUALS("=="),
  NOT_EQUALS("!="),
  GREATER_THAN("gt"),
  LESS_THAN("lt"),
  EXISTS("exists"),
  DOES_NOT_EXIST("!");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  /** Upstream's spelling: {@code in}, {@code notin}, {@code =}, {@code ==}, {@code !=}, {@code gt}, {@code lt}, {@code exists}, {@code !}. */
  public String symbol() {
    return symbol;
  }
}
