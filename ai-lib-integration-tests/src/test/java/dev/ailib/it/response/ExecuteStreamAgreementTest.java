package dev.ailib.it.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ChatStream;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.FinishReason;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.Usage;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.Environment;
import dev.ailib.it.response.RecordedServer.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same provider answer, sent once as a non-streaming body and once as a stream, reads the same through
 * {@code execute()} and {@code stream()}: finish reason (also odd and mixed-case values), usage (reasoning,
 * cached and cache-write tokens), tool calls (with Gemini's thought signature), and errors (the same error as an HTTP error body and as an in-stream
 * error frame, first or after some content). Bundled manifests, a local server serving recorded bytes.
 */
class ExecuteStreamAgreementTest {
  private static final String KEY = "sk-agreement-0123456789abcdefghijklmnop";
  private static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "Weather of a city",
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");

  private final RecordedServer server = new RecordedServer();

  @AfterEach
  void close() {
    server.close();
  }

  private AiClient client(Recordings style) {
    return AiClient.builder().model(style.model).baseUrl(server.baseUrl()).apiKey(KEY)
        .resilience(ResilientConfig.builder().maxRetries(0).build())
        .component(Environment.of(Map.of()))
        .build();
  }

  /** What one answer says, whichever way it was read. */
  record Read(String content, String thinking, List<ContentBlock> thinkingBlocks, List<String> toolCalls,
      FinishReason reason, String raw, Usage usage) {
    static Read of(ChatResponse r) {
      return new Read(r.content(), r.thinking(), r.thinkingBlocks(), calls(r.toolCalls()), r.finishReason(),
          r.rawFinishReason(), r.usage());
    }
  }

  private static List<String> calls(List<ToolCall> calls) {
    List<String> out = new ArrayList<>();
    for (ToolCall c : calls) {
      // ids: Gemini sends none, each read generates its own; the signature must be read the same either way
      out.add(c.name() + c.arguments() + (c.signature() == null ? "" : " signed " + c.signature()));
    }
    return out;
  }

  private static Read stream(AiClient client) {
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    List<ContentBlock> blocks = new ArrayList<>();
    int signed = 0;
    List<ToolCall> calls = new ArrayList<>();
    Usage usage = Usage.EMPTY;
    StreamingEvent.StreamEnd end = null;
    try (ChatStream s = client.chat().user("Weather in Paris?").tools(List.of(WEATHER)).stream()) {
      int n = 0;
      for (StreamingEvent e : s) {
        assertThat(++n).as("events").isLessThan(1000);
        if (e instanceof StreamingEvent.ContentDelta d) {
          text.append(d.text());
        } else if (e instanceof StreamingEvent.ThinkingDelta d) {
          thinking.append(d.text());
        } else if (e instanceof StreamingEvent.ThinkingBlockEnded b) {
          blocks.add(b.block()); // a block ends the thinking streamed since the previous one
          signed = thinking.length();
        } else if (e instanceof StreamingEvent.ToolCallEnded t) {
          calls.add(t.call());
        } else if (e instanceof StreamingEvent.UsageReport u) {
          usage = u.usage();
        } else if (e instanceof StreamingEvent.StreamEnd se) {
          end = se;
        } else if (e instanceof StreamingEvent.StreamError err) {
          throw err.error();
        }
        if (end != null) {
          break;
        }
      }
    }
    assertThat(end).as("StreamEnd").isNotNull();
    if (signed < thinking.length()) {
      blocks.add(new ContentBlock.Thinking(thinking.substring(signed), null));
    }
    return new Read(text.toString(), thinking.toString(), blocks, calls(calls), end.finishReason(),
        end.rawFinishReason(), usage);
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        // style, raw finish reason, tool call, expected reason
        Arguments.of(Recordings.OPENAI, "stop", false, FinishReason.END_TURN),
        Arguments.of(Recordings.OPENAI, "length", false, FinishReason.MAX_TOKENS),
        Arguments.of(Recordings.OPENAI, "content_filter", false, FinishReason.REFUSAL),
        Arguments.of(Recordings.OPENAI, "tool_calls", true, FinishReason.TOOL_USE),
        Arguments.of(Recordings.OPENAI, "stop", true, FinishReason.TOOL_USE),
        Arguments.of(Recordings.OPENAI, null, true, FinishReason.TOOL_USE),
        Arguments.of(Recordings.OPENAI, null, false, FinishReason.END_TURN),
        Arguments.of(Recordings.OPENAI, "eos", false, FinishReason.END_TURN),
        Arguments.of(Recordings.OPENAI, "STOP", false, FinishReason.END_TURN),
        Arguments.of(Recordings.OPENAI, "Length", false, FinishReason.MAX_TOKENS),
        Arguments.of(Recordings.OPENAI, "something_new", false, FinishReason.OTHER),
        Arguments.of(Recordings.RESPONSES, "completed", false, FinishReason.END_TURN),
        Arguments.of(Recordings.RESPONSES, "completed", true, FinishReason.TOOL_USE),
        Arguments.of(Recordings.RESPONSES, "max_output_tokens", false, FinishReason.MAX_TOKENS),
        Arguments.of(Recordings.RESPONSES, "max_output_tokens", true, FinishReason.MAX_TOKENS),
        Arguments.of(Recordings.RESPONSES, "content_filter", false, FinishReason.REFUSAL),
        Arguments.of(Recordings.RESPONSES, "incomplete", false, FinishReason.OTHER),
        Arguments.of(Recordings.ANTHROPIC, "end_turn", false, FinishReason.END_TURN),
        Arguments.of(Recordings.ANTHROPIC, "max_tokens", false, FinishReason.MAX_TOKENS),
        Arguments.of(Recordings.ANTHROPIC, "stop_sequence", false, FinishReason.STOP_SEQUENCE),
        Arguments.of(Recordings.ANTHROPIC, "tool_use", true, FinishReason.TOOL_USE),
        Arguments.of(Recordings.ANTHROPIC, "pause_turn", false, FinishReason.PAUSE_TURN),
        Arguments.of(Recordings.ANTHROPIC, "refusal", false, FinishReason.REFUSAL),
        Arguments.of(Recordings.ANTHROPIC, "model_context_window_exceeded", false, FinishReason.MAX_TOKENS),
        Arguments.of(Recordings.ANTHROPIC, "END_TURN", false, FinishReason.END_TURN),
        Arguments.of(Recordings.ANTHROPIC, null, false, FinishReason.END_TURN),
        Arguments.of(Recordings.GEMINI, "STOP", false, FinishReason.END_TURN),
        Arguments.of(Recordings.GEMINI, "STOP", true, FinishReason.TOOL_USE),
        Arguments.of(Recordings.GEMINI, "MAX_TOKENS", false, FinishReason.MAX_TOKENS),
        Arguments.of(Recordings.GEMINI, "SAFETY", false, FinishReason.REFUSAL),
        Arguments.of(Recordings.GEMINI, "RECITATION", false, FinishReason.REFUSAL),
        Arguments.of(Recordings.GEMINI, "stop", false, FinishReason.END_TURN),
        Arguments.of(Recordings.GEMINI, "MALFORMED_FUNCTION_CALL", false, FinishReason.OTHER));
  }

  @ParameterizedTest(name = "{0} finish={1} tool={2}")
  @MethodSource("answers")
  void bothModesReadTheSameAnswer(Recordings style, String finish, boolean tool, FinishReason expected) {
    try (AiClient client = client(style)) {
      server.enqueue(style.json(finish, tool));
      Read executed = Read.of(client.chat().user("Weather in Paris?").tools(List.of(WEATHER)).execute());
      server.enqueue(style.stream(finish, tool));
      Read streamed = stream(client);

      assertThat(streamed).isEqualTo(executed);
      assertThat(executed.reason()).isEqualTo(expected);
      assertThat(executed.raw()).isEqualTo(finish);
      assertThat(executed.content()).isEqualTo("Hello there");
      assertThat(executed.toolCalls()).isEqualTo(!tool ? List.of() : style == Recordings.GEMINI
          ? List.of("get_weather{city=Paris} signed " + Recordings.THOUGHT_SIGNATURE) : List.of("get_weather{city=Paris}"));
      assertThat(executed.usage()).isEqualTo(switch (style) {
        // prompt includes cache reads and writes; completion includes reasoning
        case OPENAI, RESPONSES -> new Usage(120, 30, 150, 12, 100, 0);
        case ANTHROPIC -> new Usage(127, 30, 157, 0, 100, 7);
        case GEMINI -> new Usage(120, 30, 150, 12, 100, 0);
      });
      if (style == Recordings.ANTHROPIC || style == Recordings.RESPONSES) {
        assertThat(executed.thinking()).isEqualTo("Let me think.");
        // one block, signed as the provider needs it back: Anthropic's signature, the whole Responses item
        assertThat(executed.thinkingBlocks()).containsExactly(new ContentBlock.Thinking("Let me think.",
            style == Recordings.ANTHROPIC ? "EqQBCgIYAhIM" : "{\"type\":\"reasoning\",\"id\":\"rs_68af4030\","
                + "\"encrypted_content\":\"gAAAAABoOpaqueReasoning==\",\"summary\":[{\"type\":\"summary_text\","
                + "\"text\":\"Let me think.\"}]}"));
      }
    }
    assertThat(server.requests()).hasSize(2);
  }

  @org.junit.jupiter.api.Test
  void aBlockedGeminiPromptIsTheSameRefusalInBothModes() {
    String blocked = "{\"promptFeedback\":{\"blockReason\":\"SAFETY\",\"safetyRatings\":[{\"category\":"
        + "\"HARM_CATEGORY_DANGEROUS_CONTENT\",\"probability\":\"HIGH\"}]},\"usageMetadata\":"
        + "{\"promptTokenCount\":8,\"totalTokenCount\":8},\"modelVersion\":\"gemini-2.5-flash\","
        + "\"responseId\":\"blk-1\"}";
    try (AiClient client = client(Recordings.GEMINI)) {
      server.enqueue(Answer.json(blocked));
      Read executed = Read.of(client.chat().user("Weather in Paris?").tools(List.of(WEATHER)).execute());
      server.enqueue(Answer.sse(List.of("data: " + blocked), "\r\n\r\n"));
      Read streamed = stream(client);
      assertThat(streamed).isEqualTo(executed);
      assertThat(executed).isEqualTo(new Read("", "", List.of(), List.of(), FinishReason.REFUSAL, "SAFETY",
          new Usage(8, 0, 8, 0, 0, 0)));
    }
  }

  @ParameterizedTest
  @EnumSource(Recordings.class)
  void theSameErrorAsAnHttpBodyAndAsAStreamFrame(Recordings style) {
    try (AiClient client = client(style)) {
      server.enqueue(Answer.json(style.errorStatus(), style.errorBody()));
      RemoteException http = catchThrowableOfType(RemoteException.class,
          () -> client.chat().user("hi").execute());

      server.enqueue(style.errorStream(false));
      RemoteException first = catchThrowableOfType(RemoteException.class, () -> stream(client));

      server.enqueue(style.errorStream(true));
      RemoteException later = catchThrowableOfType(RemoteException.class, () -> stream(client));

      for (RemoteException e : List.of(http, first, later)) {
        assertThat(e).isNotNull();
        assertThat(e.errorType()).isEqualTo(http.errorType());
        assertThat(e.providerCode()).isEqualTo(http.providerCode());
        assertThat(e.retryAfter()).isEqualTo(http.retryAfter());
        assertThat(e.getMessage()).contains(style.model.substring(0, style.model.indexOf('/')));
      }
      assertThat(http.statusCode()).isEqualTo(style.errorStatus());
      assertThat(first.statusCode()).isEqualTo(-1);
      switch (style) {
        case OPENAI -> {
          assertThat(http.errorType()).isEqualTo(StandardErrorCode.QUOTA_EXHAUSTED);
          assertThat(http.providerCode()).contains("insufficient_quota");
        }
        case RESPONSES -> {
          assertThat(http.errorType()).isEqualTo(StandardErrorCode.RATE_LIMITED);
          assertThat(http.providerCode()).contains("rate_limit_exceeded");
        }
        case ANTHROPIC -> {
          assertThat(http.errorType()).isEqualTo(StandardErrorCode.OVERLOADED);
          assertThat(http.providerCode()).contains("overloaded_error");
          assertThat(http.requestId()).contains("req_011CSHoEeqs5C35K2UUqR7Fy");
          assertThat(first.requestId()).isEqualTo(http.requestId());
        }
        case GEMINI -> {
          assertThat(http.errorType()).isEqualTo(StandardErrorCode.RATE_LIMITED);
          assertThat(http.providerCode()).contains("RESOURCE_EXHAUSTED");
          assertThat(http.retryAfter()).contains(Duration.ofSeconds(37));
        }
      }
    }
  }

  /**
   * The Responses API's other error shapes read as its HTTP error body: the {@code error} event as the API reference
   * documents it (fields at the top level), and a 200 response object whose status is {@code failed}.
   */
  @org.junit.jupiter.api.Test
  void theResponsesErrorShapesAllReadAsTheHttpError() {
    Recordings style = Recordings.RESPONSES;
    try (AiClient client = client(style)) {
      server.enqueue(Answer.json(style.errorStatus(), style.errorBody()));
      RemoteException http = catchThrowableOfType(RemoteException.class, () -> client.chat().user("hi").execute());
      server.enqueue(Answer.sse(List.of(Recordings.typed("error", 0, "\"code\":\"rate_limit_exceeded\","
          + "\"message\":\"Rate limit reached\",\"param\":null")), "\n\n"));
      RemoteException flat = catchThrowableOfType(RemoteException.class, () -> stream(client));
      server.enqueue(Answer.json("{\"id\":\"resp_3\",\"object\":\"response\",\"status\":\"failed\",\"error\":"
          + "{\"code\":\"rate_limit_exceeded\",\"message\":\"Rate limit reached\"},\"incomplete_details\":null,"
          + "\"model\":\"gpt-5-pro-2025-10-06\",\"output\":[],\"usage\":null}"));
      RemoteException failed = catchThrowableOfType(RemoteException.class, () -> client.chat().user("hi").execute());
      for (RemoteException e : List.of(flat, failed)) {
        assertThat(e).isNotNull();
        assertThat(e.errorType()).isEqualTo(StandardErrorCode.RATE_LIMITED).isEqualTo(http.errorType());
        assertThat(e.providerCode()).isEqualTo(http.providerCode());
        assertThat(e.getMessage()).contains("Rate limit reached");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Recordings.class)
  void aSuccessBodyCarryingTheErrorIsThatError(Recordings style) {
    try (AiClient client = client(style)) {
      server.enqueue(Answer.json(style.errorStatus(), style.errorBody()), Answer.json(style.errorBody()));
      RemoteException http = catchThrowableOfType(RemoteException.class, () -> client.chat().user("hi").execute());
      assertThatThrownBy(() -> client.chat().user("hi").execute()).isInstanceOf(RemoteException.class)
          .satisfies(e -> {
            assertThat(((AiLibException) e).errorType()).isEqualTo(http.errorType());
            assertThat(((RemoteException) e).retryAfter()).isEqualTo(http.retryAfter());
          });
    }
  }
}
