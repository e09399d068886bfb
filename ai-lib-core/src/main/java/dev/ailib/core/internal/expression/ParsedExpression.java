package dev.ailib.core.internal.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

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

  @Override
  public List<JsonPath> paths() {
    List<JsonPath> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static void collect(ExprNode n, List<JsonPath> out) {
    if (n instanceof ExprNode.Or) {
      collect(((ExprNode.Or) n).left(), out);
      collect(((ExprNode.Or) n).right(), out);
    } else if (n instanceof ExprNode.And) {
      collect(((ExprNode.And) n).left(), out);
      collect(((ExprNode.And) n).right(), out);
    } else if (n instanceof ExprNode.Not) {
      collect(((ExprNode.Not) n).operand(), out);
    } else if (n instanceof ExprNode.Exists) {
      out.add(((ExprNode.Exists) n).path());
    } else if (n instanceof ExprNode.Compare) {
      out.add(((ExprNode.Compare) n).path());
    } else if (n instanceof ExprNode.In) {
      out.add(((ExprNode.In) n).path());
    }
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
