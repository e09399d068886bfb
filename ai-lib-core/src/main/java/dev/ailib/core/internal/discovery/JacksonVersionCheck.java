package dev.ailib.core.internal.discovery;

import com.fasterxml.jackson.core.Version;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.StandardErrorCode;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks, once per JVM, that the Jackson on the class path is one the library can run on, so that an older
 * Jackson brought in by another dependency fails the build of the client with a message naming the versions,
 * not a {@link NoSuchMethodError} deep inside the first call. Jackson has no "require at least" API: each jar's
 * {@code PackageVersion} is the version it was built as, which is what is compared here.
 *
 * <p>The minimum is {@value #MINIMUM_TEXT}: the manifest loader bounds documents with
 * {@code StreamReadConstraints.Builder.maxDocumentLength}, which jackson-core 2.15 does not have.
 */
public final class JacksonVersionCheck {
  /** The oldest Jackson (jackson-core and jackson-databind) the library runs on. */
  public static final String MINIMUM_TEXT = "2.16.0";
  static final Version MINIMUM = new Version(2, 16, 0, null, "com.fasterxml.jackson", "jackson");

  private JacksonVersionCheck() {
  }

  /**
   * Throws when the Jackson on the class path is older than {@value #MINIMUM_TEXT}. The versions are read once
   * per JVM; a failure is repeated at every client build.
   *
   * @throws AiLibException ({@code invalid_request}) naming each Jackson artifact found, its version and jar, and
   *     the version needed
   */
  public static void requireSupported() {
    String problem = Found.PROBLEM;
    if (problem != null) {
      throw new AiLibException(StandardErrorCode.INVALID_REQUEST, problem);
    }
  }

  /** The versions of this JVM, read on first use (the holder idiom makes that once and thread-safe). */
  private static final class Found {
    static final String PROBLEM = problem(Map.of(
        "jackson-core", new Artifact(com.fasterxml.jackson.core.json.PackageVersion.VERSION,
            origin(com.fasterxml.jackson.core.json.PackageVersion.class)),
        "jackson-databind", new Artifact(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION,
            origin(com.fasterxml.jackson.databind.cfg.PackageVersion.class))), MINIMUM);
  }

  /** One Jackson artifact as found: its version and where it was loaded from (null when unknown). */
  record Artifact(Version version, String origin) {
  }

  /**
   * What is wrong with the given Jackson artifacts, or null when all are at least {@code minimum}. An artifact
   * whose version is unknown (a repackaged jar without version data) is not held against the caller: nothing
   * can be said about it.
   */
  static String problem(Map<String, Artifact> found, Version minimum) {
    List<String> tooOld = new ArrayList<>();
    for (Map.Entry<String, Artifact> e : new TreeMap<>(found).entrySet()) {
      Version v = e.getValue().version();
      if (v == null || v.isUnknownVersion() || !older(v, minimum)) {
        continue;
      }
      String origin = e.getValue().origin();
      tooOld.add(e.getKey() + " " + numbers(v) + (origin == null ? "" : " (from " + origin + ")"));
    }
    if (tooOld.isEmpty()) {
      return null;
    }
    return "ai-lib needs Jackson " + numbers(minimum) + " or newer, found " + String.join(", ", tooOld)
        + ": another dependency brings in an older Jackson; align all com.fasterxml.jackson artifacts, for example "
        + "by importing com.fasterxml.jackson:jackson-bom " + numbers(minimum)
        + " or newer in dependencyManagement (Maven) or as a platform (Gradle)";
  }

  /** Compares release numbers only: group, artifact and snapshot markers do not make a version older. */
  static boolean older(Version v, Version minimum) {
    if (v.getMajorVersion() != minimum.getMajorVersion()) {
      return v.getMajorVersion() < minimum.getMajorVersion();
    }
    if (v.getMinorVersion() != minimum.getMinorVersion()) {
      return v.getMinorVersion() < minimum.getMinorVersion();
    }
    return v.getPatchLevel() < minimum.getPatchLevel();
  }

  private static String numbers(Version v) {
    return v.getMajorVersion() + "." + v.getMinorVersion() + "." + v.getPatchLevel();
  }

  private static String origin(Class<?> type) {
    try {
      CodeSource source = type.getProtectionDomain().getCodeSource();
      URL location = source == null ? null : source.getLocation();
      return location == null ? null : location.toString();
    } catch (SecurityException e) {
      return null;
    }
  }
}
