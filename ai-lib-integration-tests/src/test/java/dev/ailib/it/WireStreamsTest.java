package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ChatStream;
import dev.ailib.api.FinishReason;
import dev.ailib.api.Message;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.Usage;
import dev.ailib.it.Fixtures.Family;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a stream delivers where a manifest says little: every wire style has a default stream (a manifest without a
 * streaming section streams), its built-in rules complete a manifest's event map (tool calls, usage), tool calls
 * always have ids (Gemini's format has none), and thinking is thinking in both modes. Through {@code AiClient}
 * against {@code FakeProvider}, on the bundled manifests and the fixture manifests in {@code wire/}.
 */
class WireStreamsTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
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

  static Path fixtures() {
    try {
      return Path.of(WireStreamsTest.class.getResource("wire/acme.yaml").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private AiClient fixtureClient(String model) {
    return Fixtures.builder(fake, Family.OPENAI).model(model).protocolDir(fixtures()).build();
  }

  /** What one stream delivered. */
  record Streamed(String text, String thinking, List<ToolCall> calls, Usage usage, List<StreamingEvent> ends) {
  }

  static Streamed drain(ChatStream stream) {
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    List<StreamingEvent> ends = new ArrayList<>();
    Usage usage = null;
    try (stream) {
      for (StreamingEvent e : stream) {
        if (e instanceof StreamingEvent.ContentDelta d) {
          text.append(d.text());
        } else if (e instanceof StreamingEvent.ThinkingDelta t) {
          thinking.append(t.text());
        } else if (e instanceof StreamingEvent.ToolCallEnded t) {
          calls.add(t.call());
        } else if (e instanceof StreamingEvent.UsageReport u) {
          usage = u.usage();
        } else if (e instanceof StreamingEvent.StreamEnd) {
          ends.add(e);
        }
      }
    }
    return new Streamed(text.toString(), thinking.toString(), calls, usage, ends);
  }

  @Test
  void aStreamedGeminiToolCallHasAnIdAndCanBeAnswered() {
    fake.enqueue(Reply.toolCall("ignored-by-gemini", "get_weather", "{\"city\":\"Paris\"}"));
    fake.enqueue(Reply.text("It is sunny in Paris."));
    try (AiClient client = Fixtures.client(fake, Family.GEMINI)) {
      List<StreamingEvent> events = new ArrayList<>();
      try (ChatStream s = client.chat().user("Weather in Paris?").tools(List.of(WEATHER)).stream()) {
        s.forEach(events::add);
      }
      StreamingEvent.ToolCallStarted started = events.stream().filter(e -> e instanceof StreamingEvent.ToolCallStarted)
          .map(e -> (StreamingEvent.ToolCallStarted) e).findFirst().orElseThrow();
      ToolCall call = events.stream().filter(e -> e instanceof StreamingEvent.ToolCallEnded)
          .map(e -> ((StreamingEvent.ToolCallEnded) e).call()).findFirst().orElseThrow();
      assertThat(call.id()).startsWith("call_").hasSize(29);
      assertThat(started.id()).as("the id is known from the first event on").isEqualTo(call.id());
      assertThat(call.arguments()).containsEntry("city", "Paris");

      ChatResponse answer = client.chat()
          .user("Weather in Paris?")
          .message(Message.assistantToolCalls(null, List.of(call)))
          .message(Message.tool(call.id(), "{\"sky\":\"sunny\"}"))
          .tools(List.of(WEATHER))
          .execute();
      assertThat(answer.content()).isEqualTo("It is sunny in Paris.");
    }
    fake.takeRequest(WAIT);
    RecordedRequest second = fake.takeRequest(WAIT);
    assertThat(second.jsonString("contents[1].parts[0].functionCall.name")).isEqualTo("get_weather");
    assertThat(second.jsonString("contents[2].parts[0].functionResponse.name")).isEqualTo("get_weather");
    assertThat(second.jsonString("contents[2].parts[0].functionResponse.response.sky")).isEqualTo("sunny");
  }

  @Test
  void executeAndStreamGiveGeminiCallsIdsOfTheSameForm() {
    fake.enqueue(Reply.toolCall("x", "get_weather", "{\"city\":\"Paris\"}"));
    fake.enqueue(Reply.toolCall("x", "get_weather", "{\"city\":\"Paris\"}"));
    try (AiClient client = Fixtures.client(fake, Family.GEMINI)) {
      String executed = client.chat().user("?").tools(List.of(WEATHER)).execute().toolCalls().get(0).id();
      String streamed = drain(client.chat().user("?").tools(List.of(WEATHER)).stream()).calls().get(0).id();
      assertThat(executed).matches("call_[0-9a-f]{24}");
      assertThat(streamed).matches("call_[0-9a-f]{24}").isNotEqualTo(executed);
    }
  }

  @Test
  void aManifestWithoutAStreamingSectionStreamsWithItsWireStylesDefault() {
    fake.enqueue(Reply.streamedText("Hel", "lo").usage(Reply.Usage.of(7, 2)));
    fake.enqueue(Reply.toolCall("call_9", "get_weather", "{\"city\":\"Oslo\"}"));
    try (AiClient client = fixtureClient("nostream/any-model")) {
      Streamed text = drain(client.chat().user("Hi").stream());
      assertThat(text.text()).isEqualTo("Hello");
      assertThat(text.usage().promptTokens()).isEqualTo(7);
      assertThat(text.ends()).hasSize(1);
      Streamed tool = drain(client.chat().user("Weather?").tools(List.of(WEATHER)).stream());
      assertThat(tool.calls()).containsExactly(new ToolCall("call_9", "get_weather", "{\"city\":\"Oslo\"}"));
      assertThat(tool.ends().get(0).asStreamEnd().finishReason()).isEqualTo(FinishReason.TOOL_USE);
    }
    RecordedRequest req = fake.takeRequest(WAIT);
    assertThat(req.path()).isEqualTo("/chat/completions");
    assertThat(req.streaming()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sseignore/any-model", "datalines/any-model", "acme/acme-large"})
  void openAiStyleManifestsReportStreamedUsageAndToolCalls(String model) {
    fake.enqueue(Reply.streamedText("Hi ", "there").usage(Reply.Usage.of(11, 4)));
    fake.enqueue(Reply.toolCall("call_7", "get_weather", "{\"city\":\"Rome\"}").usage(Reply.Usage.of(20, 5)));
    fake.enqueue(Reply.toolCall("call_7", "get_weather", "{\"city\":\"Rome\"}").usage(Reply.Usage.of(20, 5)));
    try (AiClient client = fixtureClient(model)) {
      Streamed text = drain(client.chat().user("Hi").stream());
      assertThat(text.text()).isEqualTo("Hi there");
      assertThat(text.usage()).as("the library asks for usage (stream_options.include_usage), so it reads it")
          .isNotNull();
      assertThat(text.usage().promptTokens()).isEqualTo(11);
      assertThat(text.usage().completionTokens()).isEqualTo(4);

      Streamed tool = drain(client.chat().user("Weather?").tools(List.of(WEATHER)).stream());
      ChatResponse executed = client.chat().user("Weather?").tools(List.of(WEATHER)).execute();
      assertThat(tool.calls()).as("streamed tool calls are what execute() returns").isEqualTo(executed.toolCalls())
          .containsExactly(new ToolCall("call_7", "get_weather", "{\"city\":\"Rome\"}"));
      assertThat(tool.ends().get(0).asStreamEnd().finishReason()).isEqualTo(FinishReason.TOOL_USE);
      assertThat(tool.usage().promptTokens()).isEqualTo(20);
    }
  }

  @Test
  void geminiThoughtPartsAreThinkingInBothModes() {
    Reply reply = Reply.of(Reply.thinkingPart("Let me think."), Reply.textPart("42"));
    fake.enqueue(reply);
    fake.enqueue(reply);
    try (AiClient client = Fixtures.client(fake, Family.GEMINI)) {
      ChatResponse executed = client.chat().user("?").execute();
      Streamed streamed = drain(client.chat().user("?").stream());
      assertThat(executed.thinking()).isEqualTo("Let me think.");
      assertThat(executed.content()).isEqualTo("42");
      assertThat(streamed.thinking()).isEqualTo(executed.thinking());
      assertThat(streamed.text()).isEqualTo(executed.content());
    }
  }

  @Test
  void aGeminiManifestReadingOnlyTheFirstPartStillTellsThoughtsFromContent() {
    fake.enqueue(Reply.of(Reply.thinkingPart("Hmm."), Reply.textPart("Yes.")));
    try (AiClient client = Fixtures.builder(fake, Family.GEMINI).model("firstpart/gemini-x").protocolDir(fixtures())
        .build()) {
      Streamed streamed = drain(client.chat().user("?").stream());
      assertThat(streamed.thinking()).isEqualTo("Hmm.");
      assertThat(streamed.text()).isEqualTo("Yes.");
    }
  }

  @Test
  void theWireStylesRulesFillInWhatAManifestRuleMisses() {
    fake.enqueue(Reply.toolCall("get_weather_1", "get_weather", "{\"city\":\"Lima\"}"));
    try (AiClient client = Fixtures.builder(fake, Family.COHERE).model("cohereold/command-x").protocolDir(fixtures())
        .build()) {
      Streamed s = drain(client.chat().user("Weather?").tools(List.of(WEATHER)).stream());
      assertThat(s.calls()).containsExactly(new ToolCall("get_weather_1", "get_weather", "{\"city\":\"Lima\"}"));
      assertThat(s.ends().get(0).asStreamEnd().finishReason()).isEqualTo(FinishReason.TOOL_USE);
      assertThat(s.usage()).isNotNull();
    }
  }
}
