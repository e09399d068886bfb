package dev.ailib.core.spi.manifest;

import java.util.Objects;
import java.util.Optional;

/**
 * Checks the text of a manifest's match expressions ({@link StreamingSpec#frameSelector()}, an
 * {@link StreamingSpec.EventRule#match()}, ...) and JSON paths ({@link StreamingSpec#contentPath()}, a
 * {@link StreamingSpec.ValueSource#path()}, ...) against the grammar core evaluates them with, without exposing the
 * parser or its syntax tree. The manifest records carry plain text; core compiles it once per manifest when the
 * stream pipeline is built, and fails there too (with the manifest's source and field) if a source let bad text
 * through. A protocol source calls this at load time so that a bad expression is reported with the source's own
 * location (file, line, column) before any request:
 *
 * <pre>{@code
 * ExpressionSyntax.standard().checkExpression(text).ifPresent(e -> {
 *   throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, e.message(),
 *       new SourceLocation(file, line, column + e.column() - 1, field), null);
 * });
 * }</pre>
 *
 * <p>Plugins receive this; they do not implement it. It is an interface, provided by ai-lib-core as a
 * {@link java.util.ServiceLoader} service, because the SPI packages do not depend on core's internals (the grammar
 * lives with the evaluator in a non-exported package). Implementations are immutable and thread-safe.
 */
public interface ExpressionSyntax {

  /**
   * Checks a match expression ({@code ||}, {@code &&}, {@code !}, parentheses, {@code exists(path)},
   * comparisons, {@code in [...]}, a bare path as an existence test).
   *
   * @param text the expression as written in the manifest
   * @return the first problem, or empty when the text is a valid expression
   */
  Optional<SyntaxError> checkExpression(String text);

  /**
   * Checks a JSON path ({@code $.a.b[0]}, {@code [*]}, {@code ['quoted']}, {@code [-1]}, filters
   * {@code [?(@.type == 'text')]}).
   *
   * @param text the path as written in the manifest
   * @return the first problem, or empty when the text is a valid path
   */
  Optional<SyntaxError> checkPath(String text);

  /**
   * The syntax of the ai-lib-core on the class or module path.
   *
   * @return the shared instance
   * @throws IllegalStateException when core's service registration is missing (a repackaged jar that dropped
   *     {@code META-INF/services})
   */
  static ExpressionSyntax standard() {
    return ExpressionSyntaxLookup.STANDARD;
  }

  /**
   * Why a text is not a valid expression or path.
   *
   * @param text the text checked
   * @param column the 1-based column of the problem within the text
   * @param problem what is wrong and what was expected there
   */
  record SyntaxError(String text, int column, String problem) {

    /** Checks the fields. */
    public SyntaxError {
      Objects.requireNonNull(problem, "problem");
      if (column < 1) {
        throw new IllegalArgumentException("column must be 1 or more, was " + column);
      }
    }

    /**
     * The problem as one sentence naming the text and column, such as
     * {@code bad expression '$.a ==' at column 7: expected a string, number, true, false or null but found the end}.
     *
     * @return the message
     */
    public String message() {
      return "bad expression '" + text + "' at column " + column + ": " + problem;
    }
  }
}
