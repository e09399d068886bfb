package dev.ailib.core.internal.expression;

import dev.ailib.core.spi.manifest.ExpressionSyntax;
import java.util.Optional;

/**
 * {@link ExpressionSyntax} on the parser the stream pipeline compiles with, so load-time checks and evaluation
 * accept the same language. Registered as a service ({@code module-info} and {@code META-INF/services}). Stateless.
 */
public final class StandardExpressionSyntax implements ExpressionSyntax {

  /** Creates the checker; {@link java.util.ServiceLoader} calls this. */
  public StandardExpressionSyntax() {
  }

  @Override
  public Optional<SyntaxError> checkExpression(String text) {
    try {
      Parser.parseExpression(text);
      return Optional.empty();
    } catch (ExpressionException e) {
      return Optional.of(new SyntaxError(e.text(), e.column(), e.problem()));
    }
  }

  @Override
  public Optional<SyntaxError> checkPath(String text) {
    try {
      Parser.parsePath(text);
      return Optional.empty();
    } catch (ExpressionException e) {
      return Optional.of(new SyntaxError(e.text(), e.column(), e.problem()));
    }
  }
}
