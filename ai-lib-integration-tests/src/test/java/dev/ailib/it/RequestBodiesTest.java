package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.it.Fixtures.Family;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Request bodies as the providers' published schemas want them (OpenAI's OpenAPI document, Google's
 * generativelanguage v1beta, the Anthropic SDK's request types, Mistral's OpenAPI document, Cohere's v2 chat
 * reference): one test per finding of the schema check, each asserting the body FakeProvider recorded, or that a
 * request the provider would reject is refused before anything is sent.
 */
class RequestBodiesTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private FakeProvider fake;

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private AiClient fixtureClient(String model) {
    return Fixtures.builder(fake, Family.OPENAI).model(model).protocolDir(WireStreamsTest.fixtures()).build();
  }

  @Test
  void dottedParameterMappingsAreNested() {
    fake.enqueue(Reply.text("ok"));
    fake.enqueue(Reply.text("ok"));
    try (AiClient client = Fixtures.builder(fake, Family.GEMINI).model("dotted/gemini-x")
        .protocolDir(WireStreamsTest.fixtures()).build()) {
      client.chat().user("Hi").temperature(0.5).maxTokens(64).topP(0.9).param("top_k", 7).execute();
    }
    RecordedRequest req = fake.takeRequest(WAIT);
    assertThat(req.jsonString("generationConfig.temperature")).isEqualTo("0.5");
    assertThat(req.jsonString("generationConfig.maxOutputTokens")).isEqualTo("64");
    assertThat(req.jsonString("generationConfig.topP")).isEqualTo("0.9");
    assertThat(req.jsonString("generationConfig.topK")).isEqualTo("7");
    assertThat(req.body()).doesNotContain("generationConfig.");

    try (AiClient client = fixtureClient("dottedopenai/some-model")) {
      client.chat().user("Hi").param("reasoning_effort", "low").execute();
    }
    RecordedRequest openai = fake.takeRequest(WAIT);
    assertThat(openai.jsonString("reasoning.effort")).isEqualTo("low");
    assertThat(openai.body()).doesNotContain("reasoning.effort");
  }
}
