package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.CallStats;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ChatResult;
import dev.ailib.api.ChatStream;
import dev.ailib.api.FinishReason;
import dev.ailib.api.Message;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Text, streamed text, tool-call round trips, errors and request bytes, for each wire family, through AiClient. */
class ChatTest {
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

  @ParameterizedTest
  @EnumSource(Family.class)
  void text(Family family) {
    fake.enqueue(Reply.text("Hello there").usage(Reply.Usage.of(12, 3)));
    try (AiClient client = Fixtures.client(fake, family)) {
      ChatResult result = client.chat().system("Be brief").user("Hi").maxTokens(100).executeWithStats();
      ChatResponse r = result.response();
      assertThat(r.content()).isEqualTo("Hello there");
      assertThat(r.finishReason()).isEqualTo(FinishReason.END_TURN);
      assertThat(r.rawFinishReason()).isNotBlank();
      assertThat(r.usage().promptTokens()).isEqualTo(12);
      assertThat(r.usage().completionTokens()).isEqualTo(3);
      CallStats s = result.stats();
      assertThat(s.attempts()).isEqualTo(1);
      assertThat(s.model()).isEqualTo(family.wireModel);
      assertThat(s.provider()).isEqualTo(family.model.substring(0, family.model.indexOf('/')));
      assertThat(s.latencyMs()).isGreaterThanOrEqualTo(0);
      assertThat(s.totalTokens()).isEqualTo(15);
    }
    RecordedRequest req = fake.takeRequest(WAIT);
    assertRequestShape(family, req, false);
    switch (family) {
      case OPENAI -> assertThat(req.jsonString("messages[0].role")).isEqualTo("system");
      case RESPONSES -> {
        assertThat(req.jsonString("instructions")).isEqualTo("Be brief");
        assertThat(req.jsonString("input[0].content[0].text")).isEqualTo("Hi");
        assertThat(req.jsonAt("max_output_tokens")).isEqualTo(100L);
      }
      case ANTHROPIC -> assertThat(req.jsonString("system")).isEqualTo("Be brief");
      case GEMINI -> assertThat(req.jsonString("systemInstruction.parts[0].text")).isEqualTo("Be brief");
      case COHERE -> {
        assertThat(req.jsonString("messages[0].role")).isEqualTo("system");
        assertThat(req.jsonString("messages[0].content")).isEqualTo("Be brief");
        assertThat(req.jsonString("max_tokens")).isEqualTo("100");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void streamedText(Family family) {
    fake.enqueue(Reply.streamedText("Hel", "lo, ", "wörld ✓").usage(Reply.Usage.of(5, 4)));
    StringBuilder text = new StringBuilder();
    List<StreamingEvent> ends = new ArrayList<>();
    try (AiClient client = Fixtures.client(fake, family);
        ChatStream stream = client.chat().user("Hi").stream()) {
      for (StreamingEvent e : stream) {
        if (e instanceof StreamingEvent.ContentDelta d) {
          text.append(d.text());
        } else if (e instanceof StreamingEvent.StreamEnd) {
          ends.add(e);
        }
      }
      assertThat(stream.stats()).isPresent();
      assertThat(stream.stats().get().timeToFirstTokenMs()).isGreaterThanOrEqualTo(0);
      assertThat(stream.stats().get().completionTokens()).isEqualTo(4);
    }
    assertThat(text.toString()).isEqualTo("Hello, wörld ✓");
    assertThat(ends).hasSize(1);
    assertThat(ends.get(0).asStreamEnd().finishReason()).isEqualTo(FinishReason.END_TURN);
    RecordedRequest req = fake.takeRequest(WAIT);
    assertRequestShape(family, req, true);
    assertThat(req.streaming()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void toolCallRoundTrip(Family family) {
    fake.enqueue(Reply.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"));
    fake.enqueue(Reply.text("It is sunny in Paris."));
    try (AiClient client = Fixtures.client(fake, family)) {
      ChatResponse first = client.chat().user("Weather in Paris?").tools(List.of(WEATHER)).execute();
      assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_USE);
      assertThat(first.toolCalls()).hasSize(1);
      ToolCall call = first.toolCalls().get(0);
      assertThat(call.name()).isEqualTo("get_weather");
      assertThat(call.arguments()).containsEntry("city", "Paris");
      assertThat(call.id()).isNotBlank();

      ChatResponse second = client.chat()
          .user("Weather in Paris?")
          .message(Message.assistantToolCalls(first.content(), first.toolCalls()))
          .message(Message.tool(call.id(), "{\"sky\":\"sunny\"}"))
          .tools(List.of(WEATHER))
          .execute();
      assertThat(second.content()).isEqualTo("It is sunny in Paris.");
      assertThat(second.finishReason()).isEqualTo(FinishReason.END_TURN);
    }
    RecordedRequest firstReq = fake.takeRequest(WAIT);
    RecordedRequest secondReq = fake.takeRequest(WAIT);
    switch (family) {
      case OPENAI -> {
        assertThat(firstReq.jsonString("tools[0].function.name")).isEqualTo("get_weather");
        assertThat(secondReq.jsonString("messages[1].tool_calls[0].id")).isEqualTo("call_1");
        assertThat(secondReq.jsonString("messages[2].role")).isEqualTo("tool");
        assertThat(secondReq.jsonString("messages[2].tool_call_id")).isEqualTo("call_1");
      }
      case RESPONSES -> {
        assertThat(firstReq.jsonString("tools[0].name")).isEqualTo("get_weather");
        assertThat(secondReq.jsonString("input[1].type")).isEqualTo("function_call");
        assertThat(secondReq.jsonString("input[1].call_id")).isEqualTo("call_1");
        assertThat(secondReq.jsonString("input[2].type")).isEqualTo("function_call_output");
        assertThat(secondReq.jsonString("input[2].call_id")).isEqualTo("call_1");
        assertThat(secondReq.jsonString("input[2].output")).isEqualTo("{\"sky\":\"sunny\"}");
      }
      case ANTHROPIC -> {
        assertThat(firstReq.jsonString("tools[0].input_schema.type")).isEqualTo("object");
        assertThat(secondReq.jsonString("messages[1].content[0].type")).isEqualTo("tool_use");
        assertThat(secondReq.jsonString("messages[1].content[0].id")).isEqualTo("call_1");
        assertThat(secondReq.jsonString("messages[2].content[0].type")).isEqualTo("tool_result");
        assertThat(secondReq.jsonString("messages[2].content[0].tool_use_id")).isEqualTo("call_1");
      }
      case GEMINI -> {
        assertThat(firstReq.jsonString("tools[0].functionDeclarations[0].name")).isEqualTo("get_weather");
        assertThat(secondReq.jsonString("contents[1].role")).isEqualTo("model");
        assertThat(secondReq.jsonString("contents[1].parts[0].functionCall.name")).isEqualTo("get_weather");
        assertThat(secondReq.jsonString("contents[2].parts[0].functionResponse.name")).isEqualTo("get_weather");
        assertThat(secondReq.jsonString("contents[2].parts[0].functionResponse.response.sky")).isEqualTo("sunny");
      }
      case COHERE -> {
        assertThat(firstReq.jsonString("tools[0].type")).isEqualTo("function");
        assertThat(firstReq.jsonString("tools[0].function.name")).isEqualTo("get_weather");
        assertThat(firstReq.jsonString("tools[0].function.parameters.type")).isEqualTo("object");
        assertThat(secondReq.jsonString("messages[1].role")).isEqualTo("assistant");
        assertThat(secondReq.jsonString("messages[1].tool_calls[0].id")).isEqualTo("call_1");
        assertThat(secondReq.jsonString("messages[1].tool_calls[0].function.arguments"))
            .isEqualTo("{\"city\":\"Paris\"}");
        assertThat(secondReq.jsonString("messages[2].role")).isEqualTo("tool");
        assertThat(secondReq.jsonString("messages[2].tool_call_id")).isEqualTo("call_1");
        assertThat(secondReq.jsonString("messages[2].content")).isEqualTo("{\"sky\":\"sunny\"}");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void streamedToolCall(Family family) {
    fake.enqueue(Reply.toolCall("call_9", "get_weather", "{\"city\":\"Reykjavik\"}"));
    List<ToolCall> ended = new ArrayList<>();
    FinishReason[] reason = new FinishReason[1];
    try (AiClient client = Fixtures.client(fake, family);
        ChatStream stream = client.chat().user("Weather?").tools(List.of(WEATHER)).stream()) {
      for (StreamingEvent e : stream) {
        if (e instanceof StreamingEvent.ToolCallEnded t) {
          ended.add(t.call());
        } else if (e instanceof StreamingEvent.StreamEnd end) {
          reason[0] = end.finishReason();
        }
      }
    }
    assertThat(ended).hasSize(1);
    assertThat(ended.get(0).name()).isEqualTo("get_weather");
    assertThat(ended.get(0).arguments()).containsEntry("city", "Reykjavik");
    assertThat(reason[0]).isEqualTo(FinishReason.TOOL_USE);
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void errorsMapToStandardCodes(Family family) {
    fake.enqueue(Reply.error(401), Reply.error(429).retryAfterSeconds(3), Reply.error(500), Reply.error(404));
    try (AiClient client = Fixtures.client(fake, family)) {
      RemoteException auth = remote(client);
      assertThat(auth.errorType()).isEqualTo(StandardErrorCode.AUTHENTICATION);
      assertThat(auth.statusCode()).isEqualTo(401);
      RemoteException limited = remote(client);
      assertThat(limited.errorType()).isEqualTo(StandardErrorCode.RATE_LIMITED);
      assertThat(limited.retryAfter()).contains(Duration.ofSeconds(3));
      if (family != Family.COHERE) {
        assertThat(limited.providerCode()).isPresent(); // Cohere's error bodies carry a message only
      }
      assertThat(remote(client).errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR);
      assertThat(remote(client).errorType()).isEqualTo(StandardErrorCode.NOT_FOUND);
    }
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void badParameterFailsBeforeAnyRequest(Family family) {
    try (AiClient client = Fixtures.client(fake, family)) {
      if (family == Family.RESPONSES) {
        // gpt-5-pro is a reasoning model: its manifest entry lists no sampling parameters, so any temperature is
        // refused as such (before its range is looked at), naming the model and the manifest field
        for (double t : new double[] {7.5, 0.5}) {
          assertThatThrownBy(() -> client.chat().user("Hi").temperature(t).execute())
              .isInstanceOf(ProtocolException.class)
              .hasMessageContaining("parameter 'temperature' is not accepted by model 'gpt-5-pro'")
              .satisfies(e -> assertThat(((ProtocolException) e).location().orElseThrow().field())
                  .isEqualTo("metadata.models.gpt-5-pro.sampling_parameters"));
        }
      } else {
        assertThatThrownBy(() -> client.chat().user("Hi").temperature(7.5).execute())
            .isInstanceOf(ProtocolException.class)
            .hasMessageContaining("temperature")
            .hasMessageContaining("7.5")
            .hasMessageContaining("allowed [0, ");
      }
    }
    assertThat(fake.requestCount()).isZero();
  }

  private static RemoteException remote(AiClient client) {
    try {
      client.chat().user("Hi").execute();
    } catch (RemoteException e) {
      return e;
    }
    throw new AssertionError("expected a RemoteException");
  }

  private static void assertRequestShape(Family family, RecordedRequest req, boolean stream) {
    assertThat(req.model()).isEqualTo(family.wireModel);
    assertThat(req.body()).doesNotContain(family.model);
    switch (family) {
      case OPENAI -> {
        assertThat(req.path()).endsWith("/chat/completions");
        assertThat(req.header("Authorization")).isEqualTo("Bearer " + Fixtures.KEY);
        if (stream) {
          assertThat(req.jsonAt("stream_options.include_usage")).isEqualTo(Boolean.TRUE);
        }
      }
      case RESPONSES -> {
        assertThat(req.path()).endsWith("/responses");
        assertThat(req.header("Authorization")).isEqualTo("Bearer " + Fixtures.KEY);
        assertThat(req.jsonAt("store")).isEqualTo(Boolean.FALSE);
        assertThat(req.jsonAt("messages")).isNull();
        assertThat(req.jsonAt("stream")).isEqualTo(stream ? Boolean.TRUE : null);
      }
      case ANTHROPIC -> {
        assertThat(req.path()).endsWith("/messages");
        assertThat(req.header("x-api-key")).isEqualTo(Fixtures.KEY);
        assertThat(req.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(req.header("Authorization")).isNull();
        assertThat(req.jsonAt("max_tokens")).isNotNull();
      }
      case GEMINI -> {
        assertThat(req.path()).endsWith("/models/gemini-2.5-flash:" + (stream ? "streamGenerateContent"
            : "generateContent"));
        assertThat(req.header("x-goog-api-key")).isEqualTo(Fixtures.KEY);
        assertThat(req.queryParameter("key")).isNull();
        assertThat(req.queryParameter("alt")).isEqualTo(stream ? "sse" : null);
        assertThat(req.header("Authorization")).isNull();
        assertThat(req.jsonAt("model")).isNull();
      }
      case COHERE -> {
        assertThat(req.path()).endsWith("/chat");
        assertThat(req.header("Authorization")).isEqualTo("Bearer " + Fixtures.KEY);
        assertThat(req.jsonAt("stream_options")).isNull();
        assertThat(req.jsonAt("stream")).isEqualTo(stream ? Boolean.TRUE : null);
      }
    }
  }
}
