package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ChatStream;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.Message;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.ToolRunEvent;
import dev.ailib.api.ToolRunStream;
import dev.ailib.api.ToolSet;
import dev.ailib.api.Tools;
import dev.ailib.it.Fixtures.Family;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reasoning that the provider signs goes back with the conversation, executed and streamed alike: Anthropic's signed
 * {@code thinking} blocks (a conversation with extended thinking and tools is refused without them) and OpenAI
 * Responses {@code reasoning} items with their {@code encrypted_content} (the only way a stateless conversation,
 * {@code store: false}, keeps its reasoning). The fake signs each thinking part ({@code fake-signature}): Anthropic's
 * {@code signature} / {@code signature_delta}, the Responses item's {@code encrypted_content}.
 */
class SignedThinkingTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String THOUGHT = "The user wants the weather.";
  private static final ToolDefinition WEATHER = ToolDefinition.of("get_weather", "Current weather in a city",
      Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));

  private FakeProvider fake;

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static Reply thinkingThenCall() {
    return Reply.of(Reply.thinkingPart(THOUGHT), Reply.toolCallPart("call_1", "get_weather", "{\"city\":\"Paris\"}"));
  }

  private static ToolSet weather() {
    return Tools.builder().add(WEATHER, (call, cancel) -> "{\"sky\":\"sunny\"}").build();
  }

  /** What the second request sent back of the first answer's reasoning. */
  private static void assertSentBack(Family family, RecordedRequest second) {
    if (family == Family.ANTHROPIC) {
      // the assistant turn starts with the signed block, then the tool call
      assertThat(second.jsonString("messages[1].role")).isEqualTo("assistant");
      assertThat(second.jsonString("messages[1].content[0].type")).isEqualTo("thinking");
      assertThat(second.jsonString("messages[1].content[0].thinking")).isEqualTo(THOUGHT);
      assertThat(second.jsonString("messages[1].content[0].signature")).isEqualTo("fake-signature");
      assertThat(second.jsonString("messages[1].content[1].type")).isEqualTo("tool_use");
    } else {
      // the reasoning item as it came (id, encrypted content, summary), before the call; the next answer's reasoning
      // is asked for encrypted too
      assertThat(second.jsonString("input[1].type")).isEqualTo("reasoning");
      assertThat(second.jsonString("input[1].id")).isEqualTo("rs_fake_0");
      assertThat(second.jsonString("input[1].encrypted_content")).isEqualTo("fake-signature");
      assertThat(second.jsonString("input[1].summary[0].text")).isEqualTo(THOUGHT);
      assertThat(second.jsonString("input[2].type")).isEqualTo("function_call");
      assertThat(second.jsonString("input[3].type")).isEqualTo("function_call_output");
      assertThat(second.jsonString("include")).isEqualTo("[\"reasoning.encrypted_content\"]");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Family.class, names = {"ANTHROPIC", "RESPONSES"})
  void anExecutedAnswersSignedThinkingGoesBackWithTheToolResult(Family family) {
    fake.enqueue(thinkingThenCall(), Reply.text("Sunny."));
    try (AiClient client = Fixtures.client(fake, family)) {
      ChatResponse first = client.chat().user("Weather in Paris?").tools(List.of(WEATHER)).execute();
      assertThat(first.thinking()).isEqualTo(THOUGHT);
      assertThat(first.thinkingBlocks()).hasSize(1).allSatisfy(b -> {
        assertThat(b).isInstanceOf(ContentBlock.Thinking.class);
        assertThat(((ContentBlock.Thinking) b).text()).isEqualTo(THOUGHT);
        assertThat(((ContentBlock.Thinking) b).signature()).isNotNull();
      });
      assertThat(first.message().content().get(0)).isEqualTo(first.thinkingBlocks().get(0));
      client.chat().user("Weather in Paris?").message(first.message())
          .message(Message.tool("call_1", "{\"sky\":\"sunny\"}")).tools(List.of(WEATHER)).execute();
    }
    fake.takeRequest(WAIT);
    assertSentBack(family, fake.takeRequest(WAIT));
  }

  @ParameterizedTest
  @EnumSource(value = Family.class, names = {"ANTHROPIC", "RESPONSES"})
  void aStreamEndsTheSignedBlockItsExecutedTwinHolds(Family family) {
    fake.enqueue(thinkingThenCall(), thinkingThenCall());
    try (AiClient client = Fixtures.client(fake, family)) {
      ChatResponse executed = client.chat().user("Weather in Paris?").tools(List.of(WEATHER)).execute();
      List<ContentBlock> ended = new ArrayList<>();
      StringBuilder thinking = new StringBuilder();
      try (ChatStream s = client.chat().user("Weather in Paris?").tools(List.of(WEATHER)).stream()) {
        int n = 0;
        for (StreamingEvent e : s) {
          assertThat(++n).as("events").isLessThan(500);
          if (e instanceof StreamingEvent.ThinkingDelta d) {
            thinking.append(d.text());
          } else if (e instanceof StreamingEvent.ThinkingBlockEnded b) {
            assertThat(thinking.toString()).as("the block ends after its text").isEqualTo(THOUGHT);
            ended.add(b.block());
          }
        }
      }
      assertThat(ended).isEqualTo(executed.thinkingBlocks());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Family.class, names = {"ANTHROPIC", "RESPONSES"})
  void theStreamedToolRunSendsTheSignedThinkingBack(Family family) {
    fake.enqueue(thinkingThenCall(), Reply.text("Sunny."));
    try (AiClient client = Fixtures.client(fake, family);
        ToolRunStream run = client.chat().user("Weather in Paris?").toolSets(weather()).streamTools()) {
      int n = 0;
      for (ToolRunEvent e : run) {
        assertThat(++n).as("events").isLessThan(500);
      }
      assertThat(run.result()).hasValueSatisfying(r -> assertThat(r.completed()).isTrue());
    }
    assertThat(fake.takeRequest(WAIT).streaming()).isTrue();
    assertSentBack(family, fake.takeRequest(WAIT));
  }

  @ParameterizedTest
  @EnumSource(value = Family.class, names = {"ANTHROPIC", "RESPONSES"})
  void theExecutedToolRunSendsTheSignedThinkingBack(Family family) {
    fake.enqueue(thinkingThenCall(), Reply.text("Sunny."));
    try (AiClient client = Fixtures.client(fake, family)) {
      assertThat(client.chat().user("Weather in Paris?").toolSets(weather()).runTools().completed()).isTrue();
    }
    fake.takeRequest(WAIT);
    assertSentBack(family, fake.takeRequest(WAIT));
  }

  @Test
  void unsignedReasoningIsNotSentBackToTheResponsesApi() {
    // a reasoning item without encrypted content: nothing the API takes back in a stateless conversation
    fake.enqueue(Reply.of(Reply.thinkingPart(THOUGHT).unsigned(),
        Reply.toolCallPart("call_1", "get_weather", "{\"city\":\"Paris\"}")), Reply.text("Sunny."));
    try (AiClient client = Fixtures.client(fake, Family.RESPONSES)) {
      ChatResponse first = client.chat().user("Weather in Paris?").tools(List.of(WEATHER)).execute();
      assertThat(first.thinkingBlocks()).containsExactly(new ContentBlock.Thinking(THOUGHT, null));
      client.chat().user("Weather in Paris?").message(first.message())
          .message(Message.tool("call_1", "{\"sky\":\"sunny\"}")).tools(List.of(WEATHER)).execute();
    }
    RecordedRequest firstRequest = fake.takeRequest(WAIT);
    assertThat(firstRequest.jsonAt("include")).as("no reasoning option, no reasoning items: no include").isNull();
    RecordedRequest second = fake.takeRequest(WAIT);
    assertThat(second.jsonString("input[1].type")).isEqualTo("function_call");
    assertThat(second.body()).doesNotContain("\"reasoning\"").doesNotContain(THOUGHT);
    assertThat(second.jsonAt("include")).isNull();
  }

  @Test
  void theResponsesApiIsAskedForEncryptedReasoningOnlyWhenTheCallWantsReasoningAndKeepsNoState() {
    fake.enqueue(Reply.text("a"), Reply.text("b"), Reply.text("c"), Reply.text("d"));
    try (AiClient client = Fixtures.client(fake, Family.RESPONSES)) {
      client.chat().user("Hi").param("reasoning_effort", "high").execute();
      client.chat().user("Hi").param("reasoning_effort", "high").param("store", true).execute();
      client.chat().user("Hi").param("reasoning_effort", "high").param("include", List.of("message.output_text.logprobs"))
          .execute();
      client.chat().user("Hi").execute();
    }
    assertThat(fake.takeRequest(WAIT).jsonString("include")).isEqualTo("[\"reasoning.encrypted_content\"]");
    assertThat(fake.takeRequest(WAIT).jsonAt("include")).as("stored: the server keeps the reasoning").isNull();
    assertThat(fake.takeRequest(WAIT).jsonString("include")).as("the caller's own include, untouched")
        .isEqualTo("[\"message.output_text.logprobs\"]");
    assertThat(fake.takeRequest(WAIT).jsonAt("include")).isNull();
  }

  @Test
  void anotherProvidersSignatureIsNotSentToAnthropic() {
    // a reasoning item from a Responses answer, carried into a conversation with Claude (a fallback, say)
    fake.enqueue(Reply.text("ok"));
    ContentBlock.Thinking foreign = new ContentBlock.Thinking(THOUGHT,
        "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"encrypted_content\":\"gAAA\",\"summary\":[]}");
    try (AiClient client = Fixtures.client(fake, Family.ANTHROPIC)) {
      client.chat().user("Hi").message(new Message(dev.ailib.api.Role.ASSISTANT,
          List.of(foreign, ContentBlock.text("Hello.")))).user("And now?").execute();
    }
    RecordedRequest r = fake.takeRequest(WAIT);
    assertThat(r.jsonString("messages[1].content[0].type")).isEqualTo("text");
    assertThat(r.body()).doesNotContain("rs_1").doesNotContain(THOUGHT);
  }

  private AiClient deepseek() {
    return AiClient.builder().model("deepseek/deepseek-v4-pro").baseUrl(fake.baseUrl()).apiKey(Fixtures.KEY)
        .component(dev.ailib.core.spi.Environment.of(Map.of())).build();
  }

  /**
   * DeepSeek's thinking mode returns reasoning as the message's {@code reasoning_content} and refuses (HTTP 400) a
   * request whose assistant message that called tools comes back without it: it goes back there, in both modes and
   * from the tool runner, and nowhere else (not on a message without tool calls, not to another provider).
   */
  @Test
  void reasoningContentGoesBackToTheProviderThatWroteItOnMessagesThatCalledTools() {
    fake.enqueue(thinkingThenCall(), Reply.text("Sunny."), thinkingThenCall(), Reply.text("Sunny."));
    try (AiClient client = deepseek()) {
      ChatResponse first = client.chat().user("Weather in Paris?").tools(List.of(WEATHER)).execute();
      assertThat(first.thinking()).isEqualTo(THOUGHT);
      client.chat().user("Weather in Paris?").message(first.message())
          .message(Message.tool("call_1", "{\"sky\":\"sunny\"}")).tools(List.of(WEATHER)).execute();
      try (ToolRunStream run = client.chat().user("Weather in Paris?").toolSets(weather()).streamTools()) {
        int n = 0;
        for (ToolRunEvent e : run) {
          assertThat(++n).as("events").isLessThan(500);
        }
      }
    }
    fake.takeRequest(WAIT);
    assertReasoningContentSentBack(fake.takeRequest(WAIT));
    assertThat(fake.takeRequest(WAIT).streaming()).as("the streamed run's first request").isTrue();
    assertReasoningContentSentBack(fake.takeRequest(WAIT));
  }

  private static void assertReasoningContentSentBack(RecordedRequest second) {
    assertThat(second.jsonString("messages[1].role")).isEqualTo("assistant");
    assertThat(second.jsonString("messages[1].reasoning_content")).isEqualTo(THOUGHT);
    assertThat(second.jsonString("messages[1].tool_calls[0].id")).isEqualTo("call_1");
    assertThat(second.jsonString("messages[2].role")).isEqualTo("tool");
  }

  @Test
  void reasoningContentStaysOffMessagesWithoutToolCallsAndOffOtherProviders() {
    fake.enqueue(Reply.of(Reply.thinkingPart(THOUGHT), Reply.textPart("It is sunny.")), Reply.text("ok"),
        thinkingThenCall(), Reply.text("ok"));
    ChatResponse called;
    try (AiClient client = deepseek()) {
      ChatResponse first = client.chat().user("Weather in Paris?").execute();
      client.chat().user("Weather in Paris?").message(first.message()).user("And Rome?").execute();
      called = client.chat().user("Weather in Paris?").tools(List.of(WEATHER)).execute();
    }
    try (AiClient openai = Fixtures.client(fake, Family.OPENAI)) { // the tool round carried to OpenAI (a fallback)
      openai.chat().user("Weather in Paris?").message(called.message())
          .message(Message.tool("call_1", "{\"sky\":\"sunny\"}")).tools(List.of(WEATHER)).execute();
    }
    fake.takeRequest(WAIT);
    assertThat(fake.takeRequest(WAIT).body()).as("no tool calls: nothing to send back")
        .doesNotContain("reasoning_content").doesNotContain(THOUGHT);
    fake.takeRequest(WAIT);
    RecordedRequest toOpenAi = fake.takeRequest(WAIT);
    assertThat(toOpenAi.jsonString("messages[1].tool_calls[0].id")).isEqualTo("call_1");
    assertThat(toOpenAi.body()).as("another provider's reasoning").doesNotContain("reasoning_content")
        .doesNotContain(THOUGHT);
  }
}
