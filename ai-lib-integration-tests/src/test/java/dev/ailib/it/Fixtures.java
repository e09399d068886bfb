package dev.ailib.it;

import dev.ailib.api.AiClient;
import dev.ailib.api.AiClientBuilder;
import dev.ailib.api.ResilientConfig;
import dev.ailib.core.spi.Environment;
import dev.ailib.testkit.fake.FakeProvider;
import java.util.Map;

/**
 * Shared set-up: the manifests bundled in ai-lib-protocol-yaml (the fixed, empty environment means no
 * {@code AI_PROTOCOL_PATH} directory is consulted), a FakeProvider, a recognisable key.
 */
final class Fixtures {
  /** A key easy to search for in messages and logs. */
  static final String KEY = "sk-LEAKCHECK-7f3a9c1e5b";

  /** One model per wire family, as listed in the bundled manifests' {@code metadata.models}. */
  enum Family {
    OPENAI("openai/gpt-4o", "gpt-4o"),
    /** The same provider and manifest: the model's API family is the Responses API. */
    RESPONSES("openai/gpt-5-pro", "gpt-5-pro"),
    ANTHROPIC("anthropic/claude-sonnet-4-5", "claude-sonnet-4-5"),
    GEMINI("gemini/gemini-2.5-flash", "gemini-2.5-flash"),
    COHERE("cohere/command-a-03-2025", "command-a-03-2025");

    final String model;
    final String wireModel;

    Family(String model, String wireModel) {
      this.model = model;
      this.wireModel = wireModel;
    }
  }

  private Fixtures() {
  }

  /**
   * A client builder for the fake. Retries are off: these tests check what one exchange does (the resilience
   * policies have their own tests).
   */
  static AiClientBuilder builder(FakeProvider fake, Family family) {
    return AiClient.builder()
        .resilience(ResilientConfig.builder().maxRetries(0).build())
        .model(family.model)
        .baseUrl(fake.baseUrl())
        .apiKey(KEY)
        .component(Environment.of(Map.of()));
  }

  static AiClient client(FakeProvider fake, Family family) {
    return builder(fake, family).build();
  }
}
