package dev.ailib.protocol.yaml;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the AI-Protocol specification: system property {@code ai.protocol.dir}, else env {@code AI_PROTOCOL_DIR}. */
final class SpecDir {
  private SpecDir() {
  }

  /** The directory; skips the calling test with a visible message when it is not available. */
  static Path require() {
    String dir = System.getProperty("ai.protocol.dir");
    if (dir == null || dir.isBlank() || !Files.isDirectory(Path.of(dir))) {
      dir = System.getenv("AI_PROTOCOL_DIR");
    }
    boolean ok = dir != null && !dir.isBlank() && Files.isDirectory(Path.of(dir));
    if (!ok) {
      System.out.println("SKIPPED: AI-Protocol specification not found (set -Dai.protocol.dir or AI_PROTOCOL_DIR)");
    }
    assumeTrue(ok, "AI-Protocol specification not found (set -Dai.protocol.dir or AI_PROTOCOL_DIR)");
    return Path.of(dir);
  }
}
