package dev.ailib.core.spi.expression;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed manifest match expression: {@code ||}, {@code &&}, parentheses, {@code exists(path)},
 * {@code ==} / {@code !=} against strings, numbers, booleans and null, {@code in [...]}, and a bare path as
 * an existence test. Immutable and thread-safe. PLACEHOLDER until the streaming work lands the parser.
 */
public interface Expression {

  /** The source text. */
  String text();

  /**
   * Whether the expression holds for a frame.
   *
   * @param frame the JSON frame
   * @return true when it holds
   */
  boolean matches(JsonNode frame);

  /**
   * Parses an expression.
   *
   * @param text the text
   * @return the expression
   * @throws ExpressionException when the text is not a valid expression (with the column)
   */
  static Expression parse(String text) {
    throw new UnsupportedOperationException("expression parser not implemented yet");
  }
}
