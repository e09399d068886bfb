package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ChatStream;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.FinishReason;
import dev.ailib.api.Message;
import dev.ailib.api.ResponseFormat;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolChoice;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.Usage;
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
import org.junit.jupiter.api.Test;

/**
 * The Responses API wire style through {@code AiClient}, against FakeProvider and the bundled openai manifest, whose
 * {@code gpt-5-pro} names the {@code responses} API family: what is sent (path, items, instructions, store, tools,
 * parameters) and how answers read (text, streams, tool calls keyed by output index, reasoning summaries, usage,
 * incomplete answers, errors in the stream).
 */
class ResponsesApiTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final ToolDefinition WEATHER = ToolDefinition.of("get_weather", "Current weather in a city",
      Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));
  private static final ToolDefinition TIME = ToolDefinition.of("get_time", "Local time in a city",
      Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city"),
          "additionalProperties", false));

  private FakeProvider fake;

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private AiClient client() {
    return Fixtures.client(fake, Family.RESPONSES);
  }

  /** A client of the fixture manifest {@code wire/openresponses.yaml}: the wire style and nothing else. */
  private AiClient bareClient() {
    return Fixtures.builder(fake, Family.RESPONSES).model("openresponses/any-model")
        .protocolDir(WireStreamsTest.fixtures()).build();
  }

  /** Everything a stream said. */
  record Streamed(String text, String thinking, List<StreamingEvent.ToolCallStarted> started, List<ToolCall> calls,
      Usage usage, StreamingEvent.StreamEnd end, List<StreamingEvent> all) {
  }

  private static Streamed read(ChatStream stream) {
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    List<StreamingEvent.ToolCallStarted> started = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    List<StreamingEvent> all = new ArrayList<>();
    Usage usage = null;
    StreamingEvent.StreamEnd end = null;
    for (StreamingEvent e : stream) {
      all.add(e);
      assertThat(all).as("events").hasSizeLessThan(1000);
      if (e instanceof StreamingEvent.ContentDelta d) {
        text.append(d.text());
      } else if (e instanceof StreamingEvent.ThinkingDelta d) {
        thinking.append(d.text());
      } else if (e instanceof StreamingEvent.ToolCallStarted s) {
        started.add(s);
      } else if (e instanceof StreamingEvent.ToolCallEnded t) {
        calls.add(t.call());
      } else if (e instanceof StreamingEvent.UsageReport u) {
        usage = u.usage();
      } else if (e instanceof StreamingEvent.StreamEnd se) {
        end = se;
      }
    }
    return new Streamed(text.toString(), thinking.toString(), started, calls, usage, end, all);
  }

  @Test
  void textIsReadFromTheOutputItemsAndTheRequestIsStatelessItems() {
    fake.enqueue(Reply.text("Hello there").usage(Reply.Usage.of(12, 3)));
    ChatResponse r;
    try (AiClient client = client()) {
      r = client.chat().system("Be brief.").system("Answer in English.").user("Hi").maxTokens(64).execute();
    }
    assertThat(r.content()).isEqualTo("Hello there");
    assertThat(r.finishReason()).isEqualTo(FinishReason.END_TURN);
    assertThat(r.rawFinishReason()).isEqualTo("completed");
    assertThat(r.model()).isEqualTo("gpt-5-pro");
    assertThat(r.id()).isEqualTo("resp_fake_1");
    assertThat(r.requestId()).isEqualTo("req_fake_1");
    assertThat(r.usage()).isEqualTo(new Usage(12, 3, 15, 0, 0, 0));

    RecordedRequest req = fake.takeRequest(WAIT);
    assertThat(req.method()).isEqualTo("POST");
    assertThat(req.path()).isEqualTo("/responses");
    assertThat(req.jsonString("model")).isEqualTo("gpt-5-pro");
    assertThat(req.body()).doesNotContain("openai/");
    assertThat(req.jsonAt("store")).isEqualTo(Boolean.FALSE);
    assertThat(req.jsonString("instructions")).isEqualTo("Be brief.\n\nAnswer in English.");
    assertThat(req.jsonString("input")).isEqualTo(
        "[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Hi\"}]}]");
    assertThat(req.jsonAt("max_output_tokens")).isEqualTo(64L);
    assertThat(req.jsonAt("max_tokens")).isNull();
    assertThat(req.jsonAt("max_completion_tokens")).isNull();
    assertThat(req.jsonAt("messages")).isNull();
    assertThat(req.jsonAt("stream")).isNull();
  }

  @Test
  void streamedTextArrivesAsDeltasAndEndsWithTheStatus() {
    fake.enqueue(Reply.streamedText("Hel", "lo, ", "wörld ✓").usage(Reply.Usage.of(5, 4)));
    Streamed s;
    try (AiClient client = client(); ChatStream stream = client.chat().user("Hi").stream()) {
      s = read(stream);
      assertThat(stream.stats()).isPresent();
      assertThat(stream.stats().get().completionTokens()).isEqualTo(4);
    }
    assertThat(s.all().stream().filter(StreamingEvent.ContentDelta.class::isInstance).map(e -> ((StreamingEvent.ContentDelta) e).text()))
        .containsExactly("Hel", "lo, ", "wörld ✓");
    assertThat(s.end().finishReason()).isEqualTo(FinishReason.END_TURN);
    assertThat(s.end().rawFinishReason()).isEqualTo("completed");
    assertThat(s.usage()).isEqualTo(new Usage(5, 4, 9, 0, 0, 0));
    assertThat(s.all().get(s.all().size() - 1)).isInstanceOf(StreamingEvent.StreamEnd.class);
    RecordedRequest req = fake.takeRequest(WAIT);
    assertThat(req.jsonAt("stream")).isEqualTo(Boolean.TRUE);
    assertThat(req.jsonAt("stream_options")).isNull();
    assertThat(req.jsonAt("store")).isEqualTo(Boolean.FALSE);
  }

  @Test
  void aToolRoundTripSendsFunctionCallAndFunctionCallOutputItems() {
    fake.enqueue(Reply.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"));
    fake.enqueue(Reply.text("It is sunny in Paris."));
    ChatResponse first;
    ChatResponse second;
    try (AiClient client = client()) {
      first = client.chat().user("Weather in Paris?").tools(List.of(WEATHER, TIME)).toolChoice(ToolChoice.auto())
          .execute();
      second = client.chat()
          .user("Weather in Paris?")
          .message(Message.assistantToolCalls("Let me look.", first.toolCalls()))
          .message(Message.tool(first.toolCalls().get(0).id(), "{\"sky\":\"sunny\"}"))
          .tools(List.of(WEATHER, TIME))
          .execute();
    }
    assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_USE);
    assertThat(first.rawFinishReason()).isEqualTo("completed");
    assertThat(first.toolCalls()).containsExactly(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"));
    assertThat(second.content()).isEqualTo("It is sunny in Paris.");
    assertThat(second.finishReason()).isEqualTo(FinishReason.END_TURN);

    RecordedRequest a = fake.takeRequest(WAIT);
    assertThat(a.jsonString("tools[0].type")).isEqualTo("function");
    assertThat(a.jsonString("tools[0].name")).isEqualTo("get_weather");
    assertThat(a.jsonString("tools[0].description")).isEqualTo("Current weather in a city");
    assertThat(a.jsonString("tools[0].parameters.required")).isEqualTo("[\"city\"]");
    assertThat(a.jsonAt("tools[0].function")).isNull();
    // the API's default is strict: an open schema is sent as not strict
    assertThat(a.jsonAt("tools[0].strict")).isEqualTo(Boolean.FALSE);
    // a closed schema that requires every property is within the strict subset
    assertThat(a.jsonAt("tools[1].strict")).isEqualTo(Boolean.TRUE);
    assertThat(a.jsonString("tool_choice")).isEqualTo("auto");
    RecordedRequest b = fake.takeRequest(WAIT);
    assertThat(b.jsonString("input[1]")).isEqualTo(
        "{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"Let me look.\"}");
    assertThat(b.jsonString("input[2]")).isEqualTo("{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":"
        + "\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}");
    assertThat(b.jsonString("input[3]")).isEqualTo("{\"type\":\"function_call_output\",\"call_id\":\"call_1\","
        + "\"output\":\"{\\\"sky\\\":\\\"sunny\\\"}\"}");
    assertThat(b.jsonAt("input[4]")).isNull();
  }

  @Test
  void parallelToolCallsStreamedWithInterleavedArgumentsAreKeyedByOutputIndex() {
    fake.enqueue(Reply.of(Reply.textPart("Checking both."),
        Reply.toolCallPart("call_a", "get_weather", "{\"city\":\"Paris\"}").inChunks("{\"ci", "ty\":\"Pa", "ris\"}"),
        Reply.toolCallPart("call_b", "get_time", "{\"city\":\"Oslo\"}").inChunks("{\"city\"", ":\"Oslo\"}")));
    Streamed s;
    try (AiClient client = client();
        ChatStream stream = client.chat().user("Weather in Paris, time in Oslo?").tools(List.of(WEATHER, TIME))
            .stream()) {
      s = read(stream);
    }
    assertThat(s.text()).isEqualTo("Checking both.");
    assertThat(s.started()).extracting(StreamingEvent.ToolCallStarted::index, StreamingEvent.ToolCallStarted::id,
        StreamingEvent.ToolCallStarted::name).containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "call_a", "get_weather"),
            org.assertj.core.groups.Tuple.tuple(2, "call_b", "get_time"));
    assertThat(s.calls()).containsExactly(new ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}"),
        new ToolCall("call_b", "get_time", "{\"city\":\"Oslo\"}"));
    assertThat(s.end().finishReason()).isEqualTo(FinishReason.TOOL_USE);
    List<Integer> fragments = new ArrayList<>();
    for (StreamingEvent e : s.all()) {
      if (e instanceof StreamingEvent.PartialToolCall p) {
        fragments.add(p.index());
      }
    }
    assertThat(fragments).as("the fake interleaves the two calls' argument deltas").containsExactly(1, 2, 1, 2, 1);
  }

  @Test
  void reasoningSummariesAreThinkingInBothModes() {
    Reply reply = Reply.of(Reply.thinkingPart("First, the weather."), Reply.thinkingPart("Then the answer."),
        Reply.textPart("Sunny."));
    fake.enqueue(reply, reply);
    ChatResponse executed;
    Streamed streamed;
    try (AiClient client = client()) {
      executed = client.chat().user("Weather?").param("reasoning_effort", "high").param("reasoning_summary", "auto")
          .execute();
      try (ChatStream stream = client.chat().user("Weather?").stream()) {
        streamed = read(stream);
      }
    }
    assertThat(executed.thinking()).isEqualTo("First, the weather.\n\nThen the answer.");
    assertThat(executed.content()).isEqualTo("Sunny.");
    assertThat(streamed.thinking()).isEqualTo(executed.thinking());
    assertThat(streamed.text()).isEqualTo("Sunny.");
    assertThat(streamed.all()).filteredOn(StreamingEvent.ThinkingDelta.class::isInstance).hasSizeGreaterThan(2);
    RecordedRequest req = fake.takeRequest(WAIT);
    assertThat(req.jsonString("reasoning")).isEqualTo("{\"effort\":\"high\",\"summary\":\"auto\"}");
    assertThat(req.jsonAt("reasoning_effort")).isNull();
  }

  @Test
  void usageCarriesCachedAndReasoningTokensInBothModes() {
    Reply reply = Reply.text("Done.").usage(new Reply.Usage(120, 30, 12, 100, 0));
    fake.enqueue(reply, reply);
    try (AiClient client = client()) {
      Usage executed = client.chat().user("Hi").execute().usage();
      Streamed streamed;
      try (ChatStream stream = client.chat().user("Hi").stream()) {
        streamed = read(stream);
      }
      assertThat(executed).isEqualTo(new Usage(120, 30, 150, 12, 100, 0));
      assertThat(streamed.usage()).isEqualTo(executed);
    }
  }

  @Test
  void anIncompleteAnswerIsMaxTokensOrRefusalWithTheReasonAsRawValue() {
    fake.enqueue(Reply.text("Partial").finishReason(Reply.FinishReason.MAX_TOKENS),
        Reply.streamedText("Par", "tial").finishReason(Reply.FinishReason.MAX_TOKENS),
        Reply.text("").finishReason(Reply.FinishReason.REFUSAL),
        Reply.streamedText("").finishReason(Reply.FinishReason.REFUSAL));
    try (AiClient client = client()) {
      ChatResponse cut = client.chat().user("Long story").maxTokens(16).execute();
      assertThat(cut.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
      assertThat(cut.rawFinishReason()).isEqualTo("max_output_tokens");
      assertThat(cut.content()).isEqualTo("Partial");
      try (ChatStream stream = client.chat().user("Long story").maxTokens(16).stream()) {
        Streamed s = read(stream);
        assertThat(s.end().finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(s.end().rawFinishReason()).isEqualTo("max_output_tokens");
        assertThat(s.text()).isEqualTo("Partial");
      }
      ChatResponse refused = client.chat().user("Something bad").execute();
      assertThat(refused.finishReason()).isEqualTo(FinishReason.REFUSAL);
      assertThat(refused.rawFinishReason()).isEqualTo("content_filter");
      try (ChatStream stream = client.chat().user("Something bad").stream()) {
        assertThat(read(stream).end().finishReason()).isEqualTo(FinishReason.REFUSAL);
      }
    }
  }

  @Test
  void anErrorEventMidStreamEndsTheStreamWithTheClassifiedError() {
    fake.enqueue(Reply.streamedText("Once ", "upon ", "a ", "time").streamErrorAfterEvents(6, 429));
    List<StreamingEvent> events = new ArrayList<>();
    try (AiClient client = client(); ChatStream stream = client.chat().user("Story").stream()) {
      assertThatThrownBy(() -> {
        for (StreamingEvent e : stream) {
          events.add(e);
        }
      }).isInstanceOfSatisfying(RemoteException.class, e -> {
        assertThat(e.errorType()).isEqualTo(StandardErrorCode.RATE_LIMITED);
        assertThat(e.providerCode()).contains("rate_limit_exceeded");
        assertThat(e.statusCode()).isEqualTo(-1);
        assertThat(e.getMessage()).contains("openai").contains("Rate limit reached");
      });
    }
    assertThat(events).filteredOn(StreamingEvent.ContentDelta.class::isInstance).isNotEmpty();
    assertThat(events.get(events.size() - 1)).isInstanceOf(StreamingEvent.StreamError.class);
    assertThat(events).noneMatch(StreamingEvent.StreamEnd.class::isInstance);
  }

  @Test
  void structuredOutputIsTextFormatAndPreviousResponseIdIsAnOptIn() {
    String schema = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"],"
        + "\"additionalProperties\":false}";
    fake.enqueue(Reply.text("{\"city\":\"Paris\"}"));
    try (AiClient client = client()) {
      ChatResponse r = client.chat().user("Which city?").responseFormat(ResponseFormat.strictJsonSchema("city", schema))
          .param("verbosity", "low").param("store", true).param("previous_response_id", "resp_prev")
          .toolChoice(ToolChoice.tool("get_weather")).tools(List.of(WEATHER)).execute();
      assertThat(r.content()).isEqualTo("{\"city\":\"Paris\"}");
    }
    RecordedRequest req = fake.takeRequest(WAIT);
    assertThat(req.jsonString("text")).isEqualTo("{\"verbosity\":\"low\",\"format\":{\"type\":\"json_schema\","
        + "\"name\":\"city\",\"schema\":" + schema + ",\"strict\":true}}");
    assertThat(req.jsonAt("store")).isEqualTo(Boolean.TRUE);
    assertThat(req.jsonString("previous_response_id")).isEqualTo("resp_prev");
    assertThat(req.jsonString("tool_choice")).isEqualTo("{\"type\":\"function\",\"name\":\"get_weather\"}");
    assertThat(req.jsonAt("response_format")).isNull();
  }

  @Test
  void imagesAndDocumentsAreInputParts() {
    fake.enqueue(Reply.text("A cat and a report."));
    try (AiClient client = client()) {
      client.chat().message(Message.user(List.of(ContentBlock.text("What is this?"),
          ContentBlock.imageUrl("https://example.test/cat.png"), ContentBlock.imageBase64("image/png", "iVBORw0K"),
          ContentBlock.documentBase64("application/pdf", "JVBERi0x"),
          ContentBlock.documentUrl("https://example.test/report.pdf", "application/pdf"),
          ContentBlock.documentBase64("text/plain", "aGk=", "notes.txt")))).execute();
    }
    RecordedRequest req = fake.takeRequest(WAIT);
    assertThat(req.jsonString("input[0].content")).isEqualTo("[{\"type\":\"input_text\",\"text\":\"What is this?\"},"
        + "{\"type\":\"input_image\",\"image_url\":\"https://example.test/cat.png\",\"detail\":\"auto\"},"
        + "{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,iVBORw0K\",\"detail\":\"auto\"},"
        + "{\"type\":\"input_file\",\"filename\":\"document.pdf\",\"file_data\":\"data:application/pdf;base64,JVBERi0x\"},"
        + "{\"type\":\"input_file\",\"file_url\":\"https://example.test/report.pdf\"},"
        + "{\"type\":\"input_file\",\"filename\":\"notes.txt\",\"file_data\":\"data:text/plain;base64,aGk=\"}]");
  }

  @Test
  void whatTheStyleCannotCarryFailsBeforeAnyRequest() {
    try (AiClient client = client()) {
      assertThatThrownBy(() -> client.chat().user("Hi").stop("END").execute())
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("parameter 'stop' is not accepted by model 'gpt-5-pro'");
      assertThatThrownBy(() -> client.chat().user("Hi").maxTokens(8).execute())
          .isInstanceOf(ProtocolException.class).hasMessageContaining("max_output_tokens").hasMessageContaining("8");
      assertThatThrownBy(() -> client.chat().message(Message.user(List.of(ContentBlock.text("Listen"),
          new ContentBlock.Audio("UklGRg==", "wav")))).execute())
          .isInstanceOf(ProtocolException.class).hasMessageContaining("no audio input");
      assertThatThrownBy(() -> client.chat().user("Hi").param("reasoning_effort", "extreme").execute())
          .isInstanceOf(ProtocolException.class).hasMessageContaining("extreme");
      assertThatThrownBy(() -> client.chat().message(Message.user(List.of(new ContentBlock.Thinking("hm", null))))
          .execute()).isInstanceOf(ProtocolException.class).hasMessageContaining("user message cannot hold thinking");
    }
    try (AiClient bare = bareClient()) {
      // a model without a sampling list: the wire format itself has no stop sequences
      assertThatThrownBy(() -> bare.chat().user("Hi").stop("END").execute())
          .isInstanceOf(ProtocolException.class).hasMessageContaining("no stop sequences")
          .hasMessageContaining("any-model");
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void reasoningModelsTakeNoSamplingParametersOthersDo() {
    try (AiClient client = client()) {
      for (Runnable call : List.<Runnable>of(() -> client.chat().user("Hi").temperature(0.2).execute(),
          () -> client.chat().user("Hi").topP(0.9).execute())) {
        assertThatThrownBy(call::run).isInstanceOf(ProtocolException.class)
            .hasMessageContaining("is not accepted by model 'gpt-5-pro' of provider 'openai'")
            .hasMessageContaining("the request was not sent");
      }
      assertThat(fake.requestCount()).isZero();
      fake.enqueue(Reply.text("ok"));
      client.chat().user("Hi").param("reasoning_effort", "low").param("user", "u1").execute();
    }
    RecordedRequest reasoning = fake.takeRequest(WAIT);
    assertThat(reasoning.jsonString("reasoning.effort")).isEqualTo("low");
    assertThat(reasoning.jsonString("user")).as("an undeclared parameter goes as named").isEqualTo("u1");
    assertThat(reasoning.jsonAt("temperature")).isNull();

    fake.enqueue(Reply.text("ok"));
    try (AiClient bare = bareClient()) {
      bare.chat().user("Hi").temperature(0.2).topP(0.9).maxTokens(40).param("reasoning.effort", "low").execute();
    }
    RecordedRequest other = fake.takeRequest(WAIT);
    assertThat(other.path()).isEqualTo("/responses");
    assertThat(other.jsonString("temperature")).isEqualTo("0.2");
    assertThat(other.jsonString("top_p")).isEqualTo("0.9");
    assertThat(other.jsonAt("max_output_tokens")).isEqualTo(40L);
    assertThat(other.jsonString("reasoning")).as("a dotted name nests").isEqualTo("{\"effort\":\"low\"}");
  }

  /**
   * A Responses server whose manifest declares only its wire style streams with the style's default stream and
   * built-in rules, event for event as the bundled manifest's own rules stream the same answers.
   */
  @Test
  void aManifestWithoutAStreamingSectionStreamsLikeTheBundledRules() {
    List<Reply> replies = List.of(
        Reply.streamedText("Hel", "lo").usage(new Reply.Usage(20, 9, 4, 8, 0)),
        Reply.of(Reply.thinkingPart("First."), Reply.thinkingPart("Second."), Reply.textPart("Done.")),
        Reply.of(Reply.textPart("Both."),
            Reply.toolCallPart("call_a", "get_weather", "{\"city\":\"Paris\"}").inChunks("{\"ci", "ty\":\"Paris\"}"),
            Reply.toolCallPart("call_b", "get_time", "{\"city\":\"Oslo\"}").inChunks("{\"city\"", ":\"Oslo\"}")),
        Reply.streamedText("Par", "tial").finishReason(Reply.FinishReason.MAX_TOKENS),
        Reply.streamedText("").finishReason(Reply.FinishReason.REFUSAL));
    List<List<StreamingEvent>> bundled = new ArrayList<>();
    List<List<StreamingEvent>> bare = new ArrayList<>();
    try (AiClient withRules = client(); AiClient withoutRules = bareClient()) {
      for (Reply r : replies) {
        fake.enqueue(r, r);
        for (AiClient c : List.of(withRules, withoutRules)) {
          try (ChatStream stream = c.chat().user("Go").tools(List.of(WEATHER, TIME)).stream()) {
            (c == withRules ? bundled : bare).add(read(stream).all());
          }
        }
      }
    }
    assertThat(bare).isEqualTo(bundled);
    assertThat(bare.get(0)).contains(new StreamingEvent.ContentDelta("Hel", 0),
        new StreamingEvent.UsageReport(new Usage(20, 9, 29, 4, 8, 0)));
    assertThat(bare.get(1)).contains(new StreamingEvent.ThinkingDelta("\n\n", 0));
    assertThat(bare.get(2)).filteredOn(StreamingEvent.ToolCallEnded.class::isInstance).hasSize(2);
    assertThat(bare.get(3).get(bare.get(3).size() - 1)).isEqualTo(
        new StreamingEvent.StreamEnd(FinishReason.MAX_TOKENS, "max_output_tokens", 0));
    assertThat(bare.get(4).get(bare.get(4).size() - 1)).isEqualTo(
        new StreamingEvent.StreamEnd(FinishReason.REFUSAL, "content_filter", 0));

    fake.enqueue(Reply.streamedText("Once ", "upon").streamErrorAfterEvents(5, 429));
    try (AiClient client = bareClient(); ChatStream stream = client.chat().user("Story").stream()) {
      assertThatThrownBy(() -> read(stream)).isInstanceOfSatisfying(RemoteException.class,
          e -> assertThat(e.errorType()).isEqualTo(StandardErrorCode.RATE_LIMITED));
    }
  }

  @Test
  void theChatModelsOfTheSameManifestStillUseChatCompletions() {
    fake.enqueue(Reply.text("chat"), Reply.text("responses"));
    try (AiClient chat = Fixtures.client(fake, Family.OPENAI); AiClient responses = client()) {
      assertThat(chat.chat().user("Hi").maxTokens(20).execute().content()).isEqualTo("chat");
      assertThat(responses.chat().user("Hi").maxTokens(20).execute().content()).isEqualTo("responses");
    }
    RecordedRequest a = fake.takeRequest(WAIT);
    RecordedRequest b = fake.takeRequest(WAIT);
    assertThat(a.path()).isEqualTo("/chat/completions");
    assertThat(a.jsonAt("max_completion_tokens")).isEqualTo(20L);
    assertThat(b.path()).isEqualTo("/responses");
    assertThat(b.jsonAt("max_output_tokens")).isEqualTo(20L);
  }

  @Test
  void oneClientStreamsThroughBothApiFamiliesWhenItFallsBack() {
    fake.enqueue(Reply.error(503), Reply.streamedText("from ", "chat"), Reply.streamedText("from ", "responses"));
    try (AiClient client = Fixtures.builder(fake, Family.RESPONSES).fallbackModels(List.of("openai/gpt-4o")).build()) {
      try (ChatStream stream = client.chat().user("Hi").stream()) {
        assertThat(read(stream).text()).isEqualTo("from chat");
        assertThat(stream.stats().get().model()).isEqualTo("gpt-4o");
      }
      try (ChatStream stream = client.chat().user("Hi").stream()) {
        Streamed s = read(stream);
        assertThat(s.text()).isEqualTo("from responses");
        assertThat(s.end().rawFinishReason()).isEqualTo("completed");
      }
    }
    assertThat(fake.requests()).extracting(RecordedRequest::path)
        .containsExactly("/responses", "/chat/completions", "/responses");
  }
}
