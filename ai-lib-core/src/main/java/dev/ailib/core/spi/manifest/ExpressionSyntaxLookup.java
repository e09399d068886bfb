package dev.ailib.core.spi.manifest;

import java.util.Iterator;
import java.util.ServiceLoader;

/** Finds core's {@link ExpressionSyntax} once, on first use. */
final class ExpressionSyntaxLookup {
  static final ExpressionSyntax STANDARD = load();

  private ExpressionSyntaxLookup() {
  }

  private static ExpressionSyntax load() {
    // core's own class loader: the provider ships in the same jar as this interface
    Iterator<ExpressionSyntax> found = ServiceLoader.load(ExpressionSyntax.class,
        ExpressionSyntax.class.getClassLoader()).iterator();
    if (!found.hasNext()) {
      throw new IllegalStateException("no " + ExpressionSyntax.class.getName() + " service found: ai-lib-core "
          + "registers one in META-INF/services and module-info; a repackaged (shaded) jar must keep service files");
    }
    return found.next();
  }
}
