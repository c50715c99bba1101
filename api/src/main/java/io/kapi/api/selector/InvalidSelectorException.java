package io.kapi.api.selector;

/**
 * A label or field selector that does not parse or validate; the message is upstream's, e.g.
 * {@code unable to parse requirement: found '', expected: in, notin, =, ==, !=, gt, lt}, so the
 * REST layer can answer 400 BadRequest with it.
 */
public final class InvalidSelectorException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidSelectorException(String message) {
    super(message);
  }
}
