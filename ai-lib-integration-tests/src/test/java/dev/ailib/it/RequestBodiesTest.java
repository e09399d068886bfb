package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.CancelToken;
import dev.ailib.api.TypeRef;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.Message;
import dev.ailib.api.StructuredOptions;
import dev.ailib.api.StructuredOutputMode;
import dev.ailib.api.ToolChoice;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.it.Fixtures.Family;
import java.util.List;
import java.util.Map;
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

  private static final ToolDefinition STRICT_TOOL = ToolDefinition.of("lookup", "Look something up",
      Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string")), "required", List.of("q"),
          "additionalProperties", false));

  private AiClient client(Family family, String model) {
    return Fixtures.builder(fake, family).model(model).build();
  }

  /** The call is refused before anything reaches the provider, with a message holding every fragment. */
  private void refused(Runnable call, String... fragments) {
    int before = fake.requestCount();
    assertThatThrownBy(call::run).isInstanceOf(ProtocolException.class).satisfies(e -> {
      for (String f : fragments) {
        assertThat(e.getMessage()).contains(f);
      }
    });
    assertThat(fake.requestCount()).as("nothing was sent").isEqualTo(before);
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

  // ---------------------------------------------------------------- OpenAI reasoning models

  @Test
  void reasoningModelsAreNotSentSamplingParametersTheyReject() {
    try (AiClient gpt5 = client(Family.OPENAI, "openai/gpt-5"); AiClient o3 = client(Family.OPENAI, "openai/o3")) {
      refused(() -> gpt5.chat().user("Hi").temperature(0.2).execute(), "parameter 'temperature'", "model 'gpt-5'",
          "provider 'openai'", "openai.yaml");
      refused(() -> gpt5.chat().user("Hi").topP(0.9).execute(), "parameter 'top_p'", "model 'gpt-5'");
      refused(() -> gpt5.chat().user("Hi").param("presence_penalty", 0.5).execute(), "'presence_penalty'");
      refused(() -> o3.chat().user("Hi").stop("END").execute(), "parameter 'stop'", "model 'o3'");

      fake.enqueue(Reply.text("ok"), Reply.text("ok"));
      gpt5.chat().user("Hi").stop("END").maxTokens(50).execute();
      o3.chat().user("Hi").maxTokens(50).param("reasoning_effort", "low").execute();
    }
    RecordedRequest gpt5Body = fake.takeRequest(WAIT);
    assertThat(gpt5Body.jsonString("stop")).isEqualTo("[\"END\"]");
    assertThat(gpt5Body.jsonString("max_completion_tokens")).isEqualTo("50");
    assertThat(gpt5Body.jsonAt("temperature")).isNull();
    RecordedRequest o3Body = fake.takeRequest(WAIT);
    assertThat(o3Body.jsonString("reasoning_effort")).isEqualTo("low");
    assertThat(o3Body.jsonAt("stop")).isNull();

    fake.enqueue(Reply.text("ok"));
    try (AiClient gpt4o = client(Family.OPENAI, "openai/gpt-4o")) {
      gpt4o.chat().user("Hi").temperature(0.2).topP(0.9).execute(); // a model without the list takes them all
    }
    assertThat(fake.takeRequest(WAIT).jsonString("temperature")).isEqualTo("0.2");
  }

  // ---------------------------------------------------------------- Mistral

  @Test
  void mistralStreamsWithoutStreamOptionsAndItsSeedIsRandomSeed() {
    fake.enqueue(Reply.text("ok"), Reply.text("ok"));
    try (AiClient client = client(Family.OPENAI, "mistral/mistral-large-latest")) {
      WireStreamsTest.drain(client.chat().user("Hi").stream());
      client.chat().user("Hi").param("seed", 42).execute();
    }
    RecordedRequest stream = fake.takeRequest(WAIT);
    assertThat(stream.jsonAt("stream")).isEqualTo(Boolean.TRUE);
    assertThat(stream.jsonAt("stream_options")).as("Mistral's schema has no stream_options").isNull();
    RecordedRequest seeded = fake.takeRequest(WAIT);
    assertThat(seeded.jsonString("random_seed")).isEqualTo("42");
    assertThat(seeded.jsonAt("seed")).isNull();

    fake.enqueue(Reply.text("ok"));
    try (AiClient openai = client(Family.OPENAI, "openai/gpt-4o")) {
      WireStreamsTest.drain(openai.chat().user("Hi").stream());
    }
    assertThat(fake.takeRequest(WAIT).jsonAt("stream_options.include_usage")).as("the OpenAI default")
        .isEqualTo(Boolean.TRUE);
  }

  // ---------------------------------------------------------------- Claude: temperature or top_p

  @Test
  void claudeSonnet45IsNotSentBothTemperatureAndTopP() {
    try (AiClient client = client(Family.ANTHROPIC, "anthropic/claude-sonnet-4-5")) {
      refused(() -> client.chat().user("Hi").temperature(0.5).topP(0.9).execute(), "[temperature, top_p]",
          "model 'claude-sonnet-4-5'", "provider 'anthropic'", "anthropic.yaml");
      fake.enqueue(Reply.text("ok"));
      client.chat().user("Hi").topP(0.9).execute();
    }
    RecordedRequest req = fake.takeRequest(WAIT);
    assertThat(req.jsonString("top_p")).isEqualTo("0.9");
    assertThat(req.jsonAt("temperature")).isNull();
  }

  // ---------------------------------------------------------------- response formats per provider

  @Test
  void deepSeekIsNotSentAJsonSchemaResponseFormat() {
    String schema = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}";
    fake.enqueue(Reply.text("{}"), Reply.text("{}"));
    try (AiClient deepseek = client(Family.OPENAI, "deepseek/deepseek-chat");
        AiClient openai = client(Family.OPENAI, "openai/gpt-4o")) {
      refused(() -> deepseek.chat().user("Hi").responseFormat(dev.ailib.api.ResponseFormat.jsonSchema("answer",
          schema)).execute(), "provider 'deepseek' offers no JSON schema response format",
          "capabilities.structured_output", "ResponseFormat.jsonObject()");
      deepseek.chat().user("Hi").responseFormat(dev.ailib.api.ResponseFormat.jsonObject()).execute();
      openai.chat().user("Hi").responseFormat(dev.ailib.api.ResponseFormat.jsonSchema("answer", schema)).execute();
    }
    assertThat(fake.takeRequest(WAIT).jsonString("response_format.type")).isEqualTo("json_object");
    assertThat(fake.takeRequest(WAIT).jsonString("response_format.type")).isEqualTo("json_schema");
  }

  // ---------------------------------------------------------------- Gemini tool schemas

  @Test
  void geminiToolParametersKeepTheirJsonSchemaAsParametersJsonSchema() {
    fake.enqueue(Reply.text("ok"));
    try (AiClient client = Fixtures.client(fake, Family.GEMINI)) {
      client.chat().user("Look up x").tools(List.of(STRICT_TOOL)).execute();
    }
    RecordedRequest req = fake.takeRequest(WAIT);
    String decl = "tools[0].functionDeclarations[0].";
    assertThat(req.jsonAt(decl + "parameters")).as("the OpenAPI-subset field rejects additionalProperties").isNull();
    assertThat(req.jsonString(decl + "parametersJsonSchema.additionalProperties")).isEqualTo("false");
    assertThat(req.jsonString(decl + "parametersJsonSchema.properties.q.type")).isEqualTo("string");
  }

  // ---------------------------------------------------------------- documents

  @Test
  void documentsGoAsEachProviderTakesThemOrAreRefused() {
    ContentBlock pdf = ContentBlock.documentBase64("application/pdf", "JVBERi0=");
    ContentBlock named = ContentBlock.documentBase64("application/pdf", "JVBERi0=", "report.pdf");
    fake.enqueue(Reply.text("ok"), Reply.text("ok"));
    try (AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      client.chat().message(Message.user(List.of(ContentBlock.text("Summarize"), pdf))).execute();
      client.chat().message(Message.user(List.of(ContentBlock.text("Summarize"), named))).execute();
    }
    RecordedRequest unnamed = fake.takeRequest(WAIT);
    assertThat(unnamed.jsonString("messages[0].content[1].type")).isEqualTo("file");
    assertThat(unnamed.jsonString("messages[0].content[1].file.filename")).isEqualTo("document.pdf");
    assertThat(unnamed.jsonString("messages[0].content[1].file.file_data"))
        .isEqualTo("data:application/pdf;base64,JVBERi0=");
    assertThat(fake.takeRequest(WAIT).jsonString("messages[0].content[1].file.filename")).isEqualTo("report.pdf");

    for (String model : List.of("mistral/mistral-large-latest", "deepseek/deepseek-chat")) {
      try (AiClient client = client(Family.OPENAI, model)) {
        refused(() -> client.chat().message(Message.user(List.of(ContentBlock.text("Summarize"), pdf))).execute(),
            "document_understanding", "document content", model.substring(0, model.indexOf('/')));
      }
    }
  }

  // ---------------------------------------------------------------- Anthropic extended thinking

  @Test
  void anthropicThinkingGetsRoomAboveItsBudget() {
    Map<String, Object> thinking = Map.of("type", "enabled", "budget_tokens", 8000);
    fake.enqueue(Reply.text("ok"));
    try (AiClient client = client(Family.ANTHROPIC, "anthropic/claude-sonnet-4-5")) {
      client.chat().user("Think").param("thinking", thinking).execute();
      refused(() -> client.chat().user("Think").maxTokens(4000).param("thinking", thinking).execute(),
          "max_tokens 4000 must be above thinking.budget_tokens 8000");
    }
    RecordedRequest req = fake.takeRequest(WAIT);
    assertThat(req.jsonString("thinking.budget_tokens")).isEqualTo("8000");
    assertThat(Long.parseLong(req.jsonString("max_tokens"))).isGreaterThan(8000);
  }

  /** A typed answer of this test: one field. */
  record Verdict(String answer) {
  }

  @Test
  void anthropicRefusesAForcedToolWithThinkingBeforeSendingAndATypedAnswerCanTakeThePromptMode() {
    Map<String, Object> thinking = Map.of("type", "enabled", "budget_tokens", 2048);
    try (AiClient client = client(Family.ANTHROPIC, "anthropic/claude-sonnet-4-5")) {
      refused(() -> client.chat().user("Look up x").tools(List.of(STRICT_TOOL)).toolChoice(ToolChoice.required())
          .param("thinking", thinking).execute(), "tool_choice 'any'", "extended thinking", "anthropic");
      refused(() -> client.chat().user("Verdict?").param("thinking", thinking).executeAs(Verdict.class),
          "tool_choice 'tool'", "extended thinking", "StructuredOutputMode.PROMPT");

      fake.enqueue(Reply.of(Reply.thinkingPart("Easy."), Reply.textPart("{\"answer\":\"yes\"}")));
      var typed = client.chat().user("Verdict?").param("thinking", thinking)
          .executeAs(TypeRef.of(Verdict.class), StructuredOptions.DEFAULTS.withMode(StructuredOutputMode.PROMPT),
              new CancelToken());
      assertThat(typed.value()).isEqualTo(new Verdict("yes"));
      RecordedRequest sent = fake.takeRequest(WAIT);
      assertThat(sent.jsonAt("tool_choice")).isNull();
      assertThat(sent.jsonString("thinking.type")).isEqualTo("enabled");
      assertThat(sent.jsonString("system")).contains("JSON schema");
    }
    try (AiClient client = client(Family.ANTHROPIC, "anthropic/claude-sonnet-4-5")) {
      fake.enqueue(Reply.text("ok"));
      client.chat().user("Look up x").tools(List.of(STRICT_TOOL)).toolChoice(ToolChoice.auto())
          .param("thinking", thinking).execute();
      assertThat(fake.takeRequest(WAIT).jsonString("tool_choice.type")).isEqualTo("auto");
    }
  }

  @Test
  void anthropicThinkingAndToolsRoundTripStartsWithTheSignedThinkingBlock() {
    fake.enqueue(Reply.of(Reply.thinkingPart("I should call the tool."),
        Reply.toolCallPart("toolu_1", "lookup", "{\"q\":\"x\"}")), Reply.text("Done."));
    try (AiClient client = client(Family.ANTHROPIC, "anthropic/claude-sonnet-4-5")) {
      Map<String, Object> thinking = Map.of("type", "enabled", "budget_tokens", 2048);
      ChatResponse first = client.chat().user("Look up x").tools(List.of(STRICT_TOOL)).param("thinking", thinking)
          .execute();
      assertThat(first.thinkingBlocks()).hasSize(1);
      ContentBlock.Thinking block = (ContentBlock.Thinking) first.thinkingBlocks().get(0);
      assertThat(block.text()).isEqualTo("I should call the tool.");
      assertThat(block.signature()).isNotBlank();
      assertThat(first.message().content().get(0)).isEqualTo(block);

      client.chat().user("Look up x").message(first.message()).message(Message.tool("toolu_1", "found"))
          .tools(List.of(STRICT_TOOL)).param("thinking", thinking).execute();
      fake.takeRequest(WAIT);
      RecordedRequest second = fake.takeRequest(WAIT);
      assertThat(second.jsonString("messages[1].role")).isEqualTo("assistant");
      assertThat(second.jsonString("messages[1].content[0].type")).isEqualTo("thinking");
      assertThat(second.jsonString("messages[1].content[0].thinking")).isEqualTo("I should call the tool.");
      assertThat(second.jsonString("messages[1].content[0].signature")).isEqualTo(block.signature());
      assertThat(second.jsonString("messages[1].content[1].type")).isEqualTo("tool_use");
    }
  }

  @Test
  void thinkingBlocksAreDroppedByFormatsThatTakeNoneBack() {
    Message assistant = new Message(dev.ailib.api.Role.ASSISTANT, List.of(new ContentBlock.Thinking("hm", "sig"),
        new ContentBlock.RedactedThinking("enc"), ContentBlock.text("Hello")));
    fake.enqueue(Reply.text("ok"), Reply.text("ok"), Reply.text("ok"));
    try (AiClient openai = Fixtures.client(fake, Family.OPENAI); AiClient gemini = Fixtures.client(fake,
        Family.GEMINI); AiClient responses = Fixtures.client(fake, Family.RESPONSES)) {
      openai.chat().user("Hi").message(assistant).user("And?").execute();
      gemini.chat().user("Hi").message(assistant).user("And?").execute();
      responses.chat().user("Hi").message(assistant).user("And?").execute();
    }
    RecordedRequest openaiReq = fake.takeRequest(WAIT);
    assertThat(openaiReq.jsonString("messages[1].content")).isEqualTo("Hello");
    assertThat(openaiReq.body()).doesNotContain("enc").doesNotContain("\"hm\"");
    RecordedRequest geminiReq = fake.takeRequest(WAIT);
    assertThat(geminiReq.jsonString("contents[1].parts")).isEqualTo("[{\"text\":\"Hello\"}]");
    RecordedRequest responsesReq = fake.takeRequest(WAIT);
    assertThat(responsesReq.jsonString("input[1]"))
        .isEqualTo("{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"Hello\"}");
    assertThat(responsesReq.body()).doesNotContain("enc").doesNotContain("\"hm\"").doesNotContain("reasoning");
  }

  // ---------------------------------------------------------------- extras given with param(..)

  @Test
  void anthropicExtrasGoWhereItsSchemaHasThemAndUnknownOnesAreRefused() {
    fake.enqueue(Reply.text("ok"));
    try (AiClient client = client(Family.ANTHROPIC, "anthropic/claude-sonnet-4-5")) {
      refused(() -> client.chat().user("Hi").param("seed", 7).execute(), "parameter 'seed'",
          "Anthropic messages", "provider 'anthropic'");
      refused(() -> client.chat().user("Hi").param("frequency_penalty", 0.1).execute(), "'frequency_penalty'");
      client.chat().user("Hi").param("user", "user-123").param("top_k", 20).param("service_tier", "auto").execute();
    }
    RecordedRequest req = fake.takeRequest(WAIT);
    assertThat(req.jsonString("metadata.user_id")).isEqualTo("user-123");
    assertThat(req.jsonAt("user")).isNull();
    assertThat(req.jsonString("top_k")).isEqualTo("20");
    assertThat(req.jsonString("service_tier")).isEqualTo("auto");
  }

  @Test
  void geminiExtrasGoIntoGenerationConfigAndUnknownOnesAreRefused() {
    fake.enqueue(Reply.text("ok"));
    try (AiClient client = Fixtures.client(fake, Family.GEMINI)) {
      refused(() -> client.chat().user("Hi").param("user", "u1").execute(), "parameter 'user'",
          "Gemini generateContent", "provider 'gemini'");
      client.chat().user("Hi").param("thinkingConfig", Map.of("thinkingBudget", 1024))
          .param("response_mime_type", "text/plain").param("frequency_penalty", 0.3)
          .param("safetySettings", List.of(Map.of("category", "HARM_CATEGORY_HARASSMENT",
              "threshold", "BLOCK_ONLY_HIGH"))).execute();
    }
    RecordedRequest req = fake.takeRequest(WAIT);
    assertThat(req.jsonString("generationConfig.thinkingConfig.thinkingBudget")).isEqualTo("1024");
    assertThat(req.jsonString("generationConfig.responseMimeType")).isEqualTo("text/plain");
    assertThat(req.jsonString("generationConfig.frequencyPenalty")).isEqualTo("0.3");
    assertThat(req.jsonString("safetySettings[0].threshold")).isEqualTo("BLOCK_ONLY_HIGH");
    assertThat(req.jsonAt("thinkingConfig")).isNull();
    assertThat(req.jsonAt("responseMimeType")).isNull();
  }

  @Test
  void openWiresPassUnknownExtrasAtTheTop() {
    fake.enqueue(Reply.text("ok"));
    try (AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      client.chat().user("Hi").param("user", "u1").param("service_tier", "flex").param("seed", 3).execute();
    }
    RecordedRequest req = fake.takeRequest(WAIT);
    assertThat(req.jsonString("user")).isEqualTo("u1");
    assertThat(req.jsonString("service_tier")).isEqualTo("flex");
    assertThat(req.jsonString("seed")).isEqualTo("3");
  }
}
