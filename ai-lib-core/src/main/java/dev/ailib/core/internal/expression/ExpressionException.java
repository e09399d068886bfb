package dev.ailib.core.internal.expression;

/** A manifest expression that does not parse; says the text, the 1-based column and what was expected. */
public class ExpressionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String text;
  private final int column;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param text the expression text
   * @param column the 1-based column of the problem
   * @param problem what is wrong
   */
  public ExpressionException(String text, int column, String problem) {
    super("bad expression '" + text + "' at column " + column + ": " + problem);
    this.text = text;
    this.column = column;
    this.problem = problem;
  }

  /** The expression text. */
  public String text() {
    return text;
  }

  /** The 1-based column of the problem. */
  public int column() {
    return column;
  }

  /** What is wrong, without the text and column. */
  public String problem() {
    return problem;
  }
}
