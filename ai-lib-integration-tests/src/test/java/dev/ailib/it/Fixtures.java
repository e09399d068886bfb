package dev.ailib.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ailib.api.AiClient;
import dev.ailib.api.AiClientBuilder;
import dev.ailib.api.ResilientConfig;
import dev.ailib.core.spi.Environment;
import dev.ailib.testkit.fake.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Shared set-up: the published AI-Protocol manifests, a FakeProvider, a recognisable key, no real environment. */
final class Fixtures {
  /** A key easy to search for in messages and logs. */
  static final String KEY = "sk-LEAKCHECK-7f3a9c1e5b";

  /** One model per wire family, as listed in the published manifests. */
  enum Family {
    OPENAI("openai/gpt-5.5", "gpt-5.5"),
    ANTHROPIC("anthropic/claude-sonnet-4-5", "claude-sonnet-4-5"),
    GEMINI("gemini/gemini-2.5-flash", "gemini-2.5-flash");

    final String model;
    final String wireModel;

    Family(String model, String wireModel) {
      this.model = model;
      this.wireModel = wireModel;
    }
  }

  private Fixtures() {
  }

  /** The specification directory; skips the test with a visible message when it is not available. */
  static Path protocolDir() {
    String dir = System.getProperty("ai.protocol.dir");
    if (dir == null || dir.isBlank()) {
      dir = System.getenv("AI_PROTOCOL_DIR");
    }
    assumeTrue(dir != null && !dir.isBlank(),
        "AI-Protocol specification not found: set system property ai.protocol.dir or AI_PROTOCOL_DIR");
    Path p = Path.of(dir);
    assumeTrue(Files.isDirectory(p.resolve("v2").resolve("providers")),
        "AI-Protocol specification not found at " + p + " (no v2/providers)");
    return p;
  }

  /**
   * A client builder for the fake. Retries are off: these tests check what one exchange does (the resilience
   * policies have their own tests).
   */
  static AiClientBuilder builder(FakeProvider fake, Family family) {
    return AiClient.builder()
        .resilience(ResilientConfig.builder().maxRetries(0).build())
        .model(family.model)
        .protocolDir(protocolDir())
        .baseUrl(fake.baseUrl())
        .apiKey(KEY)
        .component(Environment.of(Map.of()));
  }

  static AiClient client(FakeProvider fake, Family family) {
    return builder(fake, family).build();
  }
}
