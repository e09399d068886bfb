package dev.ailib.core.spi.expression;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@link Expression} implementation: the source text and its syntax tree. Immutable, thread-safe. */
final class ParsedExpression implements Expression {
  private final String text;
  private final ExprNode root;

  ParsedExpression(String text, ExprNode root) {
    this.text = text;
    this.root = root;
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public boolean matches(JsonNode frame) {
    return frame != null && root.eval(frame);
  }

  /** The syntax tree (for tests and diagnostics). */
  ExprNode root() {
    return root;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParsedExpression && ((ParsedExpression) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
