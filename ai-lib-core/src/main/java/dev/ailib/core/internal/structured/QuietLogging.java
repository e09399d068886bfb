package dev.ailib.core.internal.structured;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * The schema generator and the validator log through SLF4J. When an application has no SLF4J provider, SLF4J
 * prints three warning lines to standard error the first time either is used; that noise would come from this
 * library, not from the application. So, only when no provider is on the class path and the application has not
 * set it, SLF4J's own reporting is limited to errors ({@code slf4j.internal.verbosity}). Logging itself is
 * unchanged (without a provider it is a no-op either way), and an application with a provider sees everything.
 */
final class QuietLogging {
  private static final String VERBOSITY = "slf4j.internal.verbosity";
  private static final String PROVIDERS = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";

  private QuietLogging() {
  }

  /** Call before the first use of a class that logs through SLF4J. */
  static void apply() {
    Holder.init();
  }

  private static final class Holder {
    static {
      try {
        if (System.getProperty(VERBOSITY) == null && !hasProvider()) {
          System.setProperty(VERBOSITY, "ERROR");
        }
      } catch (SecurityException | IOException e) {
        // leave SLF4J as it is
      }
    }

    static void init() {
      // the static initialiser did the work
    }

    private static boolean hasProvider() throws IOException {
      ClassLoader loader = QuietLogging.class.getClassLoader();
      Enumeration<URL> found = loader == null ? ClassLoader.getSystemResources(PROVIDERS) : loader.getResources(PROVIDERS);
      if (found.hasMoreElements()) {
        return true;
      }
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      return context != null && context.getResources(PROVIDERS).hasMoreElements();
    }
  }
}
