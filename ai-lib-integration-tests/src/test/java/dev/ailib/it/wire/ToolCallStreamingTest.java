package dev.ailib.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ChatStream;
import dev.ailib.api.FinishReason;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.core.spi.Environment;
import dev.ailib.it.Manifests;
import dev.ailib.it.wire.ScriptedTransport.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a streamed tool call ends, as the events a caller sees show it: a call ends when the manifest says (its
 * {@code ToolCallEnded} rule, its accumulator's {@code flush_on}), at the finish reason, or at the end of the
 * stream; a call that starts after another ended is a call of its own. Each stream is read in the pieces given
 * ({@link ScriptedTransport}); the outline of the events is compared as text.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ToolCallStreamingTest {
  private static final ToolDefinition WEATHER = ToolDefinition.of("get_weather", "Weather by city",
      Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))));

  private final ScriptedTransport transport = new ScriptedTransport();

  private AiClient client(String model, Path protocolDir) {
    var b = AiClient.builder().model(model).apiKey("sk-wire-test-0001").transport(transport)
        .resilience(ResilientConfig.builder().maxRetries(0).build()).component(Environment.of(Map.of()));
    return (protocolDir == null ? b : b.protocolDir(protocolDir)).build();
  }

  /** The events of a stream as lines: what started, each call as it ended, how it ended. */
  private static List<String> outline(ChatStream stream) {
    List<String> out = new ArrayList<>();
    for (StreamingEvent e : stream) {
      if (e instanceof StreamingEvent.ToolCallStarted s) {
        out.add("started " + s.index() + " " + s.id() + " " + s.name());
      } else if (e instanceof StreamingEvent.ToolCallEnded t) {
        out.add("ended " + t.index() + " " + t.call().id() + " " + t.call().name() + " " + t.call().argumentsJson());
      } else if (e instanceof StreamingEvent.ContentDelta d) {
        out.add("text " + d.text());
      } else if (e instanceof StreamingEvent.StreamEnd end) {
        out.add("end " + end.finishReason().wireName() + " " + end.rawFinishReason());
      } else if (e instanceof StreamingEvent.StreamError err) {
        out.add("error " + err.error().getMessage());
      }
    }
    return out;
  }

  private static String anthropic(String type, String json) {
    return "event: " + type + "\ndata: " + json + "\n\n";
  }

  @Test
  void aToolCallThatStartsAfterAnotherEndedIsACallOfItsOwn() {
    // Anthropic's real shape: each tool_use block starts, streams its input and stops before the next one starts
    transport.enqueue(Response.sse(
        anthropic("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,"
            + "\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}"),
        anthropic("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
            + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
        anthropic("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Both.\"}}"),
        anthropic("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
        anthropic("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"get_weather\",\"input\":{}}}"),
        anthropic("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,"
            + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \"}}"),
        anthropic("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,"
            + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\"}\"}}"),
        anthropic("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"),
        anthropic("content_block_start", "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_02\",\"name\":\"get_weather\",\"input\":{}}}"),
        anthropic("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,"
            + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Rome\\\"}\"}}"),
        anthropic("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}"),
        anthropic("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
            + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":41}}"),
        anthropic("message_stop", "{\"type\":\"message_stop\"}")));
    try (AiClient client = client("anthropic/claude-sonnet-4-5", null);
        ChatStream stream = client.chat().user("Paris and Rome?").tools(List.of(WEATHER)).stream()) {
      assertThat(outline(stream)).containsExactly(
          "text Both.",
          "started 1 toolu_01 get_weather",
          "ended 1 toolu_01 get_weather {\"city\": \"Paris\"}",
          "started 2 toolu_02 get_weather",
          "ended 2 toolu_02 get_weather {\"city\": \"Rome\"}",
          "end tool_use tool_use");
    }
  }

  /** A provider of our own whose stream says where calls start and stop; {@code %s}: the rule that ends calls. */
  private static final String OWN_STREAMING = """
        decoder: {format: sse, prefix: "data: "}
        event_map:
          - match: "$.type == 'text'"
            emit: PartialContentDelta
            extract: {content: "$.text"}
          - match: "$.type == 'call_start'"
            emit: ToolCallStarted
            extract: {tool_call_id: "$.id", tool_name: "$.name", index: "$.index"}
          - match: "$.type == 'call_args'"
            emit: PartialToolCall
            extract: {arguments: "$.delta", index: "$.index"}
      %s
          - match: "$.type == 'finish'"
            emit: FinalCandidate
            extract: {finish_reason: "$.reason"}
        accumulator:
          stateful_tool_parsing: true
      %s
        stop_condition: "$.type == 'done'"
      """;

  private static final String[] TWO_CALLS_IN_TURN = {
      "data: {\"type\":\"call_start\",\"index\":0,\"id\":\"c1\",\"name\":\"get_weather\"}\n\n",
      "data: {\"type\":\"call_args\",\"index\":0,\"delta\":\"{\\\"city\\\":\\\"Paris\\\"}\"}\n\n",
      "data: {\"type\":\"call_stop\",\"index\":0}\n\n",
      "data: {\"type\":\"call_start\",\"index\":1,\"id\":\"c2\",\"name\":\"get_weather\"}\n\n",
      "data: {\"type\":\"call_args\",\"index\":1,\"delta\":\"{\\\"city\\\":\\\"Rome\\\"}\"}\n\n",
      "data: {\"type\":\"call_stop\",\"index\":1}\n\n"};

  private static String[] with(String[] frames, String... more) {
    List<String> all = new ArrayList<>(List.of(frames));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  private List<String> ownProviderOutline(Path dir, String endRule, String flushOn, String... frames) {
    Manifests.write(dir, OWN_STREAMING.formatted(endRule, flushOn), Manifests.NO_ERROR_MAPPING, "");
    transport.enqueue(Response.sse(frames));
    try (AiClient client = client(Manifests.MODEL, dir);
        ChatStream stream = client.chat().user("Paris and Rome?").tools(List.of(WEATHER)).stream()) {
      return outline(stream);
    }
  }

  @Test
  void theManifestsToolCallEndedRuleEndsACallWhenTheProviderSaysSo(@TempDir Path dir) {
    String rule = """
              - match: "$.type == 'call_stop'"
                emit: ToolCallEnded
                extract: {index: "$.index"}
          """;
    assertThat(ownProviderOutline(dir, rule, "", with(TWO_CALLS_IN_TURN,
        "data: {\"type\":\"finish\",\"reason\":\"tool_calls\"}\n\n"))).containsExactly(
            "started 0 c1 get_weather",
            "ended 0 c1 get_weather {\"city\":\"Paris\"}",
            "started 1 c2 get_weather",
            "ended 1 c2 get_weather {\"city\":\"Rome\"}",
            "end tool_use tool_calls");
  }

  @Test
  void theAccumulatorsFlushOnEndsTheOpenCallsOnTheFrameItMatches(@TempDir Path dir) {
    assertThat(ownProviderOutline(dir, "", "    flush_on: \"$.type == 'call_stop'\"", with(TWO_CALLS_IN_TURN,
        "data: {\"type\":\"finish\",\"reason\":\"tool_calls\"}\n\n"))).containsExactly(
            "started 0 c1 get_weather",
            "ended 0 c1 get_weather {\"city\":\"Paris\"}",
            "started 1 c2 get_weather",
            "ended 1 c2 get_weather {\"city\":\"Rome\"}",
            "end tool_use tool_calls");
  }

  @Test
  void withoutAnEndRuleCallsEndAtTheFinishReason(@TempDir Path dir) {
    assertThat(ownProviderOutline(dir, "", "", with(TWO_CALLS_IN_TURN,
        "data: {\"type\":\"text\",\"text\":\"after\"}\n\n",
        "data: {\"type\":\"finish\",\"reason\":\"tool_calls\"}\n\n",
        "data: {\"type\":\"text\",\"text\":\"late\"}\n\n",
        "data: {\"type\":\"done\"}\n\n"))).containsExactly(
            "started 0 c1 get_weather",
            "started 1 c2 get_weather",
            "text after",
            "ended 0 c1 get_weather {\"city\":\"Paris\"}",
            "ended 1 c2 get_weather {\"city\":\"Rome\"}",
            "text late",
            "end tool_use tool_calls");
  }

  @Test
  void callsStillOpenWhenTheStreamEndsWithoutAFinishReasonEndWithIt(@TempDir Path dir) {
    assertThat(ownProviderOutline(dir, "", "", with(TWO_CALLS_IN_TURN, "data: {\"type\":\"done\"}\n\n")))
        .containsExactly(
            "started 0 c1 get_weather",
            "started 1 c2 get_weather",
            "ended 0 c1 get_weather {\"city\":\"Paris\"}",
            "ended 1 c2 get_weather {\"city\":\"Rome\"}",
            "end tool_use null");
  }

  private static String openAiChunk(String delta, String finishReason) {
    return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\",\"choices\":[{"
        + "\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason + "}]}\n\n";
  }

  @Test
  void openAiToolCallsWhoseStreamSaysNoFinishReasonAreStillToolUse() {
    // some OpenAI-compatible servers end with finish_reason null and [DONE]
    transport.enqueue(Response.sse(
        openAiChunk("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_a\","
            + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", "null"),
        openAiChunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]}",
            "null"),
        openAiChunk("{}", "null"),
        "data: [DONE]\n\n"));
    try (AiClient client = client("openai/gpt-4o", null);
        ChatStream stream = client.chat().user("Oslo?").tools(List.of(WEATHER)).stream()) {
      assertThat(outline(stream)).containsExactly(
          "started 0 call_a get_weather",
          "ended 0 call_a get_weather {\"city\":\"Oslo\"}",
          "end tool_use null");
    }
  }

  @Test
  void openAiToolCallsWithFinishReasonNullAreToolUseWithoutStreamingToo() {
    transport.enqueue(Response.json("{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":"
        + "\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":"
        + "\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]},\"finish_reason\":null}]}"),
        Response.json("{\"id\":\"chatcmpl-3\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Cold.\"},"
            + "\"finish_reason\":null}]}"));
    try (AiClient client = client("openai/gpt-4o", null)) {
      ChatResponse r = client.chat().user("Oslo?").tools(List.of(WEATHER)).execute();
      assertThat(r.toolCalls()).containsExactly(new ToolCall("call_b", "get_weather", "{\"city\":\"Oslo\"}"));
      assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
      assertThat(r.rawFinishReason()).isNull();
      ChatResponse text = client.chat().user("And now?").execute();
      assertThat(text.finishReason()).isEqualTo(FinishReason.END_TURN);
    }
  }
}
