package dev.ailib.core.internal.expression;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed manifest match expression: {@code ||}, {@code &&}, parentheses, {@code exists(path)},
 * {@code ==} / {@code !=} against strings, numbers, booleans and null, {@code in [...]}, and a bare path as
 * an existence test. Immutable and thread-safe.
 *
 * <p>Grammar (whitespace between tokens is free; none inside a path):
 * <pre>
 * expr    := and ('||' and)*                      -- '&amp;&amp;' binds tighter than '||'
 * and     := unary ('&amp;&amp;' unary)*
 * unary   := '!' unary | primary
 * primary := '(' expr ')' | 'exists' '(' path ')' | path | path op literal | path 'in' '[' literal, ... ']'
 * op      := '==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;='
 * literal := 'single' | "double" | number | true | false | null
 * </pre>
 * Semantics: a bare path and {@code exists(path)} hold when the path reaches a value that is not JSON null.
 * A comparison holds when it holds for at least one value the path reaches ({@code [*]} fans out); a path that
 * reaches nothing compares as null, so {@code $.missing != null} is false and {@code $.missing == null} true.
 * Strings never equal numbers. Ordering operators compare numbers only.
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
   * The paths the expression reads (outside filters), in source order. Lets callers see which part of a frame
   * an expression depends on.
   *
   * @return the paths, maybe empty
   */
  default java.util.List<JsonPath> paths() {
    return java.util.List.of();
  }

  /**
   * Parses an expression.
   *
   * @param text the text
   * @return the expression
   * @throws ExpressionException when the text is not a valid expression (with the column)
   */
  static Expression parse(String text) {
    return Parser.parseExpression(text);
  }
}
