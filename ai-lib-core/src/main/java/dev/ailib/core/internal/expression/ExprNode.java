package dev.ailib.core.internal.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The syntax tree of a match expression. Paths that fan out ({@code [*]}) make a comparison hold when it holds
 * for at least one value reached; a path that reaches nothing compares as {@code null}.
 */
sealed interface ExprNode {

  /** Evaluates against a JSON document. */
  boolean eval(JsonNode root);

  /** {@code a || b}. */
  record Or(ExprNode left, ExprNode right) implements ExprNode {
    @Override
    public boolean eval(JsonNode root) {
      return left.eval(root) || right.eval(root);
    }
  }

  /** {@code a && b}. */
  record And(ExprNode left, ExprNode right) implements ExprNode {
    @Override
    public boolean eval(JsonNode root) {
      return left.eval(root) && right.eval(root);
    }
  }

  /** {@code !a}. */
  record Not(ExprNode operand) implements ExprNode {
    @Override
    public boolean eval(JsonNode root) {
      return !operand.eval(root);
    }
  }

  /** {@code exists(path)} or a bare path: true when the path reaches a value that is not JSON null. */
  record Exists(ParsedPath path) implements ExprNode {
    @Override
    public boolean eval(JsonNode root) {
      return path.exists(root);
    }
  }

  /** {@code true} / {@code false} on its own. */
  record Constant(boolean value) implements ExprNode {
    @Override
    public boolean eval(JsonNode root) {
      return value;
    }
  }

  /** {@code path OP literal}. */
  record Compare(ParsedPath path, Op op, Literal literal) implements ExprNode {
    @Override
    public boolean eval(JsonNode root) {
      if (!path.fansOut()) {
        return op.test(path.first(root), literal);
      }
      boolean[] any = new boolean[1];
      boolean hit = path.walk(root, 0, v -> {
        any[0] = true;
        return op.test(v, literal);
      });
      // a path that reaches nothing compares as null
      return hit || (!any[0] && op.test(null, literal));
    }
  }

  /** {@code path in [literal, ...]}. */
  record In(ParsedPath path, List<Literal> literals) implements ExprNode {
    @Override
    public boolean eval(JsonNode root) {
      if (!path.fansOut()) {
        return contains(path.first(root));
      }
      boolean[] any = new boolean[1];
      boolean hit = path.walk(root, 0, v -> {
        any[0] = true;
        return contains(v);
      });
      return hit || (!any[0] && contains(null));
    }

    private boolean contains(JsonNode v) {
      for (Literal l : literals) {
        if (l.matches(v)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Comparison operators. */
  enum Op {
    EQ, NE, LT, LE, GT, GE;

    boolean test(JsonNode v, Literal l) {
      switch (this) {
        case EQ:
          return l.matches(v);
        case NE:
          return !l.matches(v);
        default:
          if (v == null || !v.isNumber() || l.type() != Literal.Type.NUMBER) {
            return false;
          }
          int c = Double.compare(v.doubleValue(), l.number());
          return this == LT ? c < 0 : this == LE ? c <= 0 : this == GT ? c > 0 : c >= 0;
      }
    }
  }

  /**
   * A literal: string, number, boolean or null.
   *
   * @param type the type
   * @param string the string value (strings), or the source text
   * @param number the numeric value (numbers)
   * @param bool the boolean value (booleans)
   */
  record Literal(Type type, String string, double number, boolean bool) {

    /** Literal types. */
    enum Type { STRING, NUMBER, BOOLEAN, NULL }

    /** Whether a JSON value (null when missing) equals this literal; strings never equal numbers. */
    boolean matches(JsonNode v) {
      switch (type) {
        case NULL:
          return v == null || v.isNull();
        case STRING:
          return v != null && v.isTextual() && v.textValue().equals(string);
        case NUMBER:
          return v != null && v.isNumber() && v.doubleValue() == number;
        case BOOLEAN:
          return v != null && v.isBoolean() && v.booleanValue() == bool;
        default:
          return false;
      }
    }

    /** This literal as a plain Java value (String, Double/Long, Boolean, or null). */
    Object value() {
      switch (type) {
        case STRING: return string;
        case NUMBER: return number == Math.rint(number) && Math.abs(number) < 1e15 ? (Object) (long) number : number;
        case BOOLEAN: return bool;
        default: return null;
      }
    }
  }
}
