package dev.ailib.testkit.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/**
 * The AI-Protocol specification directory (the published manifests {@code v1/}, {@code v2/}, the schemas and the
 * compliance suite {@code tests/compliance/}), for the few tests that read it. The one place that decides where
 * it is:
 *
 * <ol>
 *   <li>the system property {@value #PROPERTY}, when set and not blank;</li>
 *   <li>else the environment variable {@value #VARIABLE}, when set and not blank.</li>
 * </ol>
 *
 * <p>The first one set is the answer: a value that is not a directory is reported as such, never silently
 * replaced by the other. With the system property {@value #REQUIRED_PROPERTY}{@code =true} (what CI sets), a
 * missing directory fails the tests that need it instead of skipping them, so a build cannot pass by skipping.
 *
 * <p>Test classes use {@link RequiresSpecDirectory}; code inside such a class gets the directory from
 * {@link #require(String...)}.
 */
public final class SpecDirectory {
  /** System property naming the directory. */
  public static final String PROPERTY = "ai.protocol.dir";
  /** Environment variable naming the directory, read when {@link #PROPERTY} is not set. */
  public static final String VARIABLE = "AI_PROTOCOL_DIR";
  /** System property that turns "directory missing" from a skip into a failure when {@code true}. */
  public static final String REQUIRED_PROPERTY = "ailib.spec.required";

  private SpecDirectory() {
  }

  /** The outcome of a look-up: the directory, or why there is none (a sentence naming the setting and value). */
  public record Lookup(Path directory, String problem) {
    /** Exactly one of the two is non-null. */
    public Lookup {
      if ((directory == null) == (problem == null)) {
        throw new IllegalArgumentException("a lookup has either a directory or a problem");
      }
    }

    /** Whether the directory was found. */
    public boolean found() {
      return directory != null;
    }
  }

  /**
   * Looks the directory up in this JVM's system properties and environment.
   *
   * @param entries paths relative to the directory that must exist in it (e.g. {@code tests/compliance/cases})
   */
  public static Lookup lookup(String... entries) {
    return lookup(System::getProperty, System::getenv, entries);
  }

  /**
   * Looks the directory up in the given sources (the testable form of {@link #lookup(String...)}).
   *
   * @param properties system properties by name (null when unset)
   * @param environment environment variables by name (null when unset)
   * @param entries paths relative to the directory that must exist in it
   */
  public static Lookup lookup(Function<String, String> properties, Function<String, String> environment,
      String... entries) {
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(environment, "environment");
    String source = "system property " + PROPERTY;
    String value = properties.apply(PROPERTY);
    if (value == null || value.isBlank()) {
      source = "environment variable " + VARIABLE;
      value = environment.apply(VARIABLE);
    }
    if (value == null || value.isBlank()) {
      return new Lookup(null, "AI-Protocol specification directory not set (neither system property " + PROPERTY
          + " nor environment variable " + VARIABLE + ")");
    }
    Path dir = Path.of(value.strip());
    if (!Files.isDirectory(dir)) {
      return new Lookup(null, "AI-Protocol specification directory " + dir + " (from " + source
          + ") is not a directory");
    }
    for (String entry : entries) {
      if (!Files.exists(dir.resolve(entry))) {
        return new Lookup(null, "AI-Protocol specification directory " + dir + " (from " + source + ") has no "
            + entry);
      }
    }
    return new Lookup(dir, null);
  }

  /** The directory, when it is configured and exists. */
  public static Optional<Path> find() {
    return Optional.ofNullable(lookup().directory());
  }

  /** Whether this run requires the directory ({@value #REQUIRED_PROPERTY}{@code =true}). */
  public static boolean required() {
    return required(System::getProperty);
  }

  /** Whether the given system properties require the directory. */
  static boolean required(Function<String, String> properties) {
    return Boolean.parseBoolean(String.valueOf(properties.apply(REQUIRED_PROPERTY)).strip());
  }

  /**
   * The directory, for code inside a test. When it is missing, aborts the calling test (JUnit reports it as
   * skipped), or throws {@link AssertionError} when {@linkplain #required() required}.
   *
   * @param entries paths relative to the directory that must exist in it
   */
  public static Path require(String... entries) {
    Lookup lookup = lookup(entries);
    if (lookup.found()) {
      return lookup.directory();
    }
    if (required()) {
      throw new AssertionError(requiredMessage(lookup.problem()));
    }
    Assumptions.abort(lookup.problem());
    throw new AssertionError("unreachable: Assumptions.abort returned");
  }

  static String requiredMessage(String problem) {
    return problem + "; it is required (" + REQUIRED_PROPERTY + "=true): set " + VARIABLE + " or -D" + PROPERTY
        + " to the AI-Protocol specification directory";
  }
}
