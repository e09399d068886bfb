package dev.ailib.core.spi.expression;

/**
 * A parsed manifest expression. PLACEHOLDER: the streaming work provides the parser and evaluator.
 * {@code parse} fails with an {@link ExpressionException} that gives the text and the column.
 */
public interface Expression {

  /** The source text. */
  String text();

  /**
   * Parses an expression.
   *
   * @param text the text
   * @return the expression
   * @throws ExpressionException when the text is not a valid expression
   */
  static Expression parse(String text) {
    throw new UnsupportedOperationException("expression parser not implemented yet");
  }
}
