package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ChatStream;
import dev.ailib.api.FinishReason;
import dev.ailib.api.Message;
import dev.ailib.api.ResponseFormat;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolChoice;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.it.Fixtures.Family;
import dev.ailib.it.WireStreamsTest.Streamed;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cohere's v2 chat through the public API, on the bundled {@code cohere} manifest (the native API) against
 * FakeProvider speaking Cohere v2; plus how manifests without a codec, or without a declared style, are treated.
 * The families' shared cases (text, stream, tool round trip, errors) are in {@link ChatTest}.
 */
class CohereTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final ToolDefinition WEATHER = ToolDefinition.of("get_weather", "Current weather in a city",
      Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));
  private static final ToolDefinition TIME = ToolDefinition.of("get_time", "Local time in a city",
      Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))));

  private FakeProvider fake;

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void usageReadsTokensAndCachedTokensTheSameInBothModes() {
    Reply reply = Reply.streamedText("Hi ", "there").usage(Reply.Usage.of(120, 9).withCachedTokens(100));
    fake.enqueue(reply, reply);
    try (AiClient client = Fixtures.client(fake, Family.COHERE)) {
      ChatResponse r = client.chat().user("Hi").execute();
      Streamed s = WireStreamsTest.drain(client.chat().user("Hi").stream());
      assertThat(r.content()).isEqualTo("Hi there");
      assertThat(r.usage().promptTokens()).isEqualTo(120);
      assertThat(r.usage().completionTokens()).isEqualTo(9);
      assertThat(r.usage().cachedTokens()).isEqualTo(100);
      assertThat(r.id()).isEqualTo("fake-1");
      assertThat(s.text()).isEqualTo(r.content());
      assertThat(s.usage()).isEqualTo(r.usage());
    }
    RecordedRequest streamed = fake.requests().get(1);
    assertThat(streamed.jsonAt("stream")).isEqualTo(Boolean.TRUE);
    assertThat(streamed.jsonAt("stream_options")).isNull();
  }

  @Test
  void theToolPlanIsThinkingInBothModesAndGoesBackWithTheToolCalls() {
    Reply reply = Reply.of(Reply.thinkingPart("I will look up the weather."),
        Reply.toolCallPart("get_weather_x1", "get_weather", "{\"city\":\"Paris\"}"));
    fake.enqueue(reply, reply, Reply.text("Sunny."));
    try (AiClient client = Fixtures.client(fake, Family.COHERE)) {
      ChatResponse first = client.chat().user("Weather in Paris?").tools(List.of(WEATHER)).execute();
      assertThat(first.thinking()).isEqualTo("I will look up the weather.");
      assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_USE);
      assertThat(first.rawFinishReason()).isEqualTo("TOOL_CALL");
      Streamed streamed = WireStreamsTest.drain(client.chat().user("Weather in Paris?").tools(List.of(WEATHER))
          .stream());
      assertThat(streamed.thinking()).isEqualTo(first.thinking());
      assertThat(streamed.calls()).isEqualTo(first.toolCalls());

      ChatResponse answer = client.chat().user("Weather in Paris?").message(first.message())
          .message(Message.tool(first.toolCalls().get(0).id(), "sunny")).tools(List.of(WEATHER)).execute();
      assertThat(answer.content()).isEqualTo("Sunny.");
    }
    RecordedRequest third = fake.requests().get(2);
    assertThat(third.jsonString("messages[1].role")).isEqualTo("assistant");
    assertThat(third.jsonString("messages[1].tool_plan")).isEqualTo("I will look up the weather.");
    assertThat(third.jsonString("messages[1].tool_calls[0].id")).isEqualTo("get_weather_x1");
    assertThat(third.jsonString("messages[1].tool_calls[0].type")).isEqualTo("function");
    assertThat(third.jsonString("messages[2].tool_call_id")).isEqualTo("get_weather_x1");
  }

  @Test
  void thinkingContentWithoutToolsIsThinking() {
    Reply reply = Reply.of(Reply.thinkingPart("Hmm."), Reply.textPart("Yes."));
    fake.enqueue(reply, reply);
    try (AiClient client = Fixtures.client(fake, Family.COHERE)) {
      ChatResponse r = client.chat().user("?").execute();
      Streamed s = WireStreamsTest.drain(client.chat().user("?").stream());
      assertThat(r.thinking()).isEqualTo("Hmm.");
      assertThat(r.content()).isEqualTo("Yes.");
      assertThat(s.thinking()).isEqualTo("Hmm.");
      assertThat(s.text()).isEqualTo("Yes.");
    }
  }

  @Test
  void requestFieldsUseCoheresNames() {
    fake.enqueue(Reply.text("{}"), Reply.text("ok"));
    try (AiClient client = Fixtures.client(fake, Family.COHERE)) {
      client.chat().user("Weather?").tools(List.of(WEATHER, TIME)).toolChoice(ToolChoice.tool("get_time"))
          .responseFormat(ResponseFormat.jsonSchema("answer", "{\"type\":\"object\"}"))
          .topP(0.5).param("top_k", 40).stop("END").param("seed", 7).param("frequency_penalty", 0.2)
          .execute();
      client.chat().user("Hi").toolChoice(ToolChoice.none()).tools(List.of(WEATHER)).execute();
    }
    RecordedRequest req = fake.takeRequest(WAIT);
    assertThat(req.jsonString("p")).isEqualTo("0.5");
    assertThat(req.jsonString("k")).isEqualTo("40");
    assertThat(req.jsonString("stop_sequences")).isEqualTo("[\"END\"]");
    assertThat(req.jsonString("seed")).isEqualTo("7");
    assertThat(req.jsonString("frequency_penalty")).isEqualTo("0.2");
    assertThat(req.jsonAt("top_p")).isNull();
    assertThat(req.jsonString("tool_choice")).isEqualTo("REQUIRED");
    assertThat(req.jsonString("tools")).as("a forced tool is the only one offered").contains("get_time")
        .doesNotContain("get_weather");
    assertThat(req.jsonString("response_format.type")).isEqualTo("json_object");
    assertThat(req.jsonString("response_format.json_schema.type")).isEqualTo("object");
    assertThat(fake.takeRequest(WAIT).jsonString("tool_choice")).isEqualTo("NONE");
  }

  @Test
  void aParameterCoheresRequestHasNoFieldForIsRefusedBeforeSending() {
    try (AiClient client = Fixtures.client(fake, Family.COHERE)) {
      assertThatThrownBy(() -> client.chat().user("Hi").param("logit_bias", Map.of("1", 2)).execute())
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("parameter 'logit_bias'")
          .hasMessageContaining("Cohere v2 chat")
          .hasMessageContaining("provider 'cohere'");
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void errorsAndStreamErrors() {
    fake.enqueue(Reply.error(498), Reply.error(422), Reply.streamedText("a", "b", "c").streamErrorAfterEvents(4, 500));
    try (AiClient client = Fixtures.client(fake, Family.COHERE)) {
      assertThatThrownBy(() -> client.chat().user("Hi").execute()).isInstanceOfSatisfying(RemoteException.class,
          e -> {
            assertThat(e.errorType()).isEqualTo(StandardErrorCode.AUTHENTICATION);
            assertThat(e.getMessage()).contains("invalid api token");
          });
      assertThatThrownBy(() -> client.chat().user("Hi").execute()).isInstanceOfSatisfying(RemoteException.class,
          e -> assertThat(e.errorType()).isEqualTo(StandardErrorCode.INVALID_REQUEST));
      // message-start, content-start and two deltas, then a message-end carrying the error
      List<StreamingEvent> events = new java.util.ArrayList<>();
      try (ChatStream s = client.chat().user("Hi").stream()) {
        assertThatThrownBy(() -> s.forEach(events::add)).isInstanceOf(RemoteException.class)
            .hasMessageContaining("internal server error");
      }
      assertThat(events).hasSize(3);
      assertThat(events.get(1)).isEqualTo(new StreamingEvent.ContentDelta("b", 0));
      assertThat(events.get(2)).isInstanceOf(StreamingEvent.StreamError.class);
    }
  }

  @Test
  void aManifestWhoseFormatHasNoCodecIsRefusedNamingTheValueAndItsField() {
    assertThatThrownBy(() -> Fixtures.builder(fake, Family.OPENAI).model("legacy/any")
        .protocolDir(WireStreamsTest.fixtures()).build())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("'legacy_chat'")
        .hasMessageContaining("endpoints.chat.adapter")
        .hasMessageContaining("cohere_v2");
  }

  @Test
  void aManifestDeclaringNoStyleIsReadFromItsOwnData() {
    fake.enqueue(Reply.text("Hello"));
    try (AiClient client = Fixtures.builder(fake, Family.OPENAI).model("shaped/any")
        .protocolDir(WireStreamsTest.fixtures()).build()) {
      assertThat(client.chat().user("Hi").execute().content()).isEqualTo("Hello");
    }
    assertThat(fake.takeRequest(WAIT).path()).isEqualTo("/chat/completions");
  }
}
