package dev.ailib.core.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.ContentBlock;
import dev.ailib.api.FinishReason;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.StreamingEvent.ContentDelta;
import dev.ailib.api.StreamingEvent.PartialToolCall;
import dev.ailib.api.StreamingEvent.StreamEnd;
import dev.ailib.api.StreamingEvent.StreamError;
import dev.ailib.api.StreamingEvent.ThinkingDelta;
import dev.ailib.api.StreamingEvent.ToolCallEnded;
import dev.ailib.api.StreamingEvent.ToolCallStarted;
import dev.ailib.api.StreamingEvent.UsageReport;
import dev.ailib.api.ToolCall;
import dev.ailib.api.Usage;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Event mapping driven by the streaming sections of the fixture manifests (see {@link TestSpecs}). */
class StreamMappingTest {

  static List<StreamingEvent> run(StreamPipeline p, String body) {
    AtomicInteger ids = new AtomicInteger();
    StreamSession s = p.newSession(() -> "gen_" + ids.incrementAndGet());
    List<StreamingEvent> out = new ArrayList<>();
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    s.onBytes(b, 0, b.length, out::add);
    s.finish(out::add);
    return out;
  }

  static String sse(String... payloads) {
    return java.util.Arrays.stream(payloads).map(x -> "data: " + x + "\n\n").collect(Collectors.joining());
  }

  static String text(List<StreamingEvent> events) {
    return events.stream().filter(e -> e instanceof ContentDelta).map(e -> ((ContentDelta) e).text())
        .collect(Collectors.joining());
  }

  static void assertOneTerminalEventLast(List<StreamingEvent> events) {
    long terminal = events.stream().filter(e -> e.isStreamEnd() || e.isStreamError()).count();
    assertThat(terminal).as("exactly one StreamEnd/StreamError in %s", events).isEqualTo(1);
    StreamingEvent last = events.get(events.size() - 1);
    assertThat(last.isStreamEnd() || last.isStreamError()).as("terminal event last").isTrue();
  }

  @Test
  void openAiV2ContentFinishAndUsageInOrder() {
    StreamPipeline p = TestSpecs.pipeline("chat-completions.yaml");
    List<StreamingEvent> ev = run(p, sse(
        "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}",
        // content and a finish reason in one frame: both come out
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}",
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":4},\"completion_tokens_details\":{\"reasoning_tokens\":1}}}",
        "[DONE]"));
    assertThat(ev).containsExactly(new ContentDelta("Hel", 0), new ContentDelta("lo", 0),
        new UsageReport(new Usage(9, 3, 12, 1, 4)), new StreamEnd(FinishReason.END_TURN, "stop", 0));
  }

  @Test
  void openAiV2ParallelToolCallsWithIdsRecovered() {
    StreamPipeline p = TestSpecs.pipeline("chat-completions.yaml");
    List<StreamingEvent> ev = run(p, sse(
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\","
            + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\","
            + "\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}]}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[]}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
        "[DONE]"));
    assertThat(ev).containsExactly(
        new ToolCallStarted(0, 0, "call_a", "get_weather"),
        new PartialToolCall(0, 0, "call_a", "{\"city\":"),
        new ToolCallStarted(0, 1, "call_b", "get_time"),
        new PartialToolCall(0, 1, "call_b", "{}"),
        new PartialToolCall(0, 0, "call_a", "\"Paris\"}"),
        new ToolCallEnded(0, 0, new ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}")),
        new ToolCallEnded(0, 1, new ToolCall("call_b", "get_time", "{}")),
        new StreamEnd(FinishReason.TOOL_USE, "tool_calls", 0));
  }

  @Test
  void multiCandidateFanOutInterleavedAndCombined() {
    StreamPipeline p = TestSpecs.pipeline("chat-completions.yaml");
    List<StreamingEvent> ev = run(p, sse(
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}",
        "{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"B\"}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}},{\"index\":1,\"delta\":{\"content\":\"b\"},"
            + "\"finish_reason\":\"length\"}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
        "[DONE]"));
    assertThat(ev).containsExactly(new ContentDelta("A", 0), new ContentDelta("B", 1), new ContentDelta("a", 0),
        new ContentDelta("b", 1), new StreamEnd(FinishReason.END_TURN, "stop", 0));
  }

  @Test
  void v1FieldsStyleFansOutCandidatesInOneFrame() {
    StreamPipeline p = TestSpecs.pipeline("chat-completions-fields.yaml");
    StringBuilder many = new StringBuilder("{\"choices\":[");
    for (int i = 0; i < 6; i++) {
      many.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"delta\":{\"content\":\"c")
          .append(i).append("\"}}");
    }
    many.append("]}");
    List<StreamingEvent> ev = run(p, sse(many.toString(),
        "{\"choices\":[{\"index\":1,\"delta\":{},\"finish_reason\":\"length\"},{\"index\":0,\"delta\":{},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":4}}",
        "[DONE]"));
    List<StreamingEvent> expected = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      expected.add(new ContentDelta("c" + i, i));
    }
    expected.add(new UsageReport(new Usage(2, 4, 6, 0, 0)));
    expected.add(new StreamEnd(FinishReason.END_TURN, "stop", 0));
    assertThat(ev).containsExactlyElementsOf(expected);
  }

  @Test
  void fieldsStyleWithWildcardsReadsTheSameStream() {
    // fields + exists($.choices[*]...) + $.choices[*].finish_reason != null, no candidate block
    StreamPipeline p = TestSpecs.pipeline("chat-completions-wildcards.yaml");
    List<StreamingEvent> ev = run(p, sse(
        "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"think\",\"content\":null},\"finish_reason\":null}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"length\"}],"
            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,\"total_tokens\":12,\"prompt_cache_hit_tokens\":2}}",
        "[DONE]"));
    assertThat(ev).containsExactly(new ThinkingDelta("think", 0), new ContentDelta("Hi", 0),
        new UsageReport(new Usage(5, 7, 12, 0, 2)), new StreamEnd(FinishReason.MAX_TOKENS, "length", 0));
  }

  @Test
  void v1OpenAiToolCallsWithNestedWildcards() {
    StreamPipeline p = TestSpecs.pipeline("chat-completions-fields.yaml");
    List<StreamingEvent> ev = run(p, sse(
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c0\",\"function\":{\"name\":\"f\","
            + "\"arguments\":\"\"}},{\"index\":1,\"id\":\"c1\",\"function\":{\"name\":\"g\",\"arguments\":\"{\\\"x\\\"\"}}]}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\":1}\"}}]}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
        "[DONE]"));
    assertThat(ev).containsExactly(
        new ToolCallStarted(0, 0, "c0", "f"),
        new ToolCallStarted(0, 1, "c1", "g"),
        new PartialToolCall(0, 1, "c1", "{\"x\""),
        new PartialToolCall(0, 1, "c1", ":1}"),
        new ToolCallEnded(0, 0, new ToolCall("c0", "f", "{}")),
        new ToolCallEnded(0, 1, new ToolCall("c1", "g", "{\"x\":1}")),
        new StreamEnd(FinishReason.TOOL_USE, "tool_calls", 0));
  }

  static final String ANTHROPIC_TOOL_STREAM =
      "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":25,"
          + "\"cache_read_input_tokens\":10,\"output_tokens\":1}}}\n\n"
      + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
          + "{\"type\":\"text\",\"text\":\"\"}}\n\n"
      + "event: ping\ndata: {\"type\": \"ping\"}\n\n"
      + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
          + "\"text_delta\",\"text\":\"Let me check.\"}}\n\n"
      + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
      + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
          + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}\n\n"
      + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":"
          + "\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \"}}\n\n"
      + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":"
          + "\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\"}\"}}\n\n"
      + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n"
      + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},"
          + "\"usage\":{\"output_tokens\":40}}\n\n"
      + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

  static final List<StreamingEvent> ANTHROPIC_EXPECTED = List.of(
      new ContentDelta("Let me check.", 0),
      new ToolCallStarted(0, 1, "toolu_1", "get_weather"),
      new PartialToolCall(0, 1, "toolu_1", "{\"city\": "),
      new PartialToolCall(0, 1, "toolu_1", "\"Paris\"}"),
      new ToolCallEnded(0, 1, new ToolCall("toolu_1", "get_weather", "{\"city\": \"Paris\"}")),
      new UsageReport(new Usage(35, 40, 75, 0, 10)),
      new StreamEnd(FinishReason.TOOL_USE, "tool_use", 0));

  @Test
  void anthropicV2ToolUseViaStrategyAndFlushOn() {
    List<StreamingEvent> ev = run(TestSpecs.pipeline("messages.yaml"), ANTHROPIC_TOOL_STREAM);
    assertThat(ev).containsExactlyElementsOf(ANTHROPIC_EXPECTED);
  }

  @Test
  void anthropicV1FieldsStyleGivesTheSameEvents() {
    // the fields style has its own ToolCallStarted / ToolCallEnded rules, a frame selector, and StreamEnd with a literal
    // end_turn on message_stop: the real stop_reason from message_delta wins over the literal
    List<StreamingEvent> ev = run(TestSpecs.pipeline("messages-fields.yaml"), ANTHROPIC_TOOL_STREAM);
    assertThat(ev).containsExactlyElementsOf(ANTHROPIC_EXPECTED);
  }

  @Test
  void anthropicThinkingAndLiteralEndTurn() {
    String body = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
        + "{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}\n\n"
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    List<StreamingEvent> ev = run(TestSpecs.pipeline("messages-fields.yaml"), body);
    assertThat(ev).containsExactly(new ThinkingDelta("hmm", 0), new StreamEnd(FinishReason.END_TURN, "end_turn", 0));
  }

  /**
   * Extended thinking as the Messages API streams it: a thinking block whose signature arrives as a
   * {@code signature_delta} before its {@code content_block_stop}, then a {@code redacted_thinking} block whose data
   * comes whole in its {@code content_block_start}. Each ends a block the next request needs back; text between
   * them is not part of the thinking.
   */
  @Test
  void anthropicSignedAndRedactedThinkingEndBlocks() {
    String body = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
        + "{\"type\":\"thinking_delta\",\"thinking\":\"Let me \"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
        + "{\"type\":\"thinking_delta\",\"thinking\":\"think.\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
        + "{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM\"}}\n\n"
        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,"
        + "\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va\"}}\n\n"
        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":2,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":2,\"delta\":"
        + "{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n"
        + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
        + "\"usage\":{\"output_tokens\":9}}\n\n"
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    for (String manifest : List.of("messages.yaml", "messages-fields.yaml")) {
      List<StreamingEvent> ev = run(TestSpecs.pipeline(manifest), body);
      assertThat(ev).as(manifest).filteredOn(e -> e.isThinkingDelta() || e.isThinkingBlockEnded()
          || e.isContentDelta()).containsExactly(new ThinkingDelta("Let me ", 0), new ThinkingDelta("think.", 0),
          new StreamingEvent.ThinkingBlockEnded(new ContentBlock.Thinking("Let me think.", "EqQBCgIYAhIM"), 0),
          new StreamingEvent.ThinkingBlockEnded(new ContentBlock.RedactedThinking("EmwKAhgBEgy3va"), 0),
          new ContentDelta("Hi", 0));
      assertOneTerminalEventLast(ev);
    }
  }

  @Test
  void anthropicErrorFrameBecomesAClassifiedStreamError() {
    String body = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
        + "{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n"
        + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
        + "{\"type\":\"text_delta\",\"text\":\"ignored\"}}\n\n";
    List<StreamingEvent> ev = run(TestSpecs.pipeline("messages.yaml"), body);
    assertThat(ev).hasSize(2);
    assertThat(ev.get(0)).isEqualTo(new ContentDelta("Hi", 0));
    RemoteException e = (RemoteException) ((StreamError) ev.get(1)).error();
    assertThat(e.errorType()).isEqualTo(StandardErrorCode.OVERLOADED);
    assertThat(e.providerCode()).contains("overloaded_error");
    assertThat(e.getMessage()).contains("Overloaded");
    assertOneTerminalEventLast(ev);
  }

  @Test
  void openAiErrorFrameUsesTheManifestCodes() {
    List<StreamingEvent> ev = run(TestSpecs.pipeline("chat-completions-wildcards.yaml"), sse(
        "{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"));
    assertThat(ev).singleElement().satisfies(x -> {
      RemoteException e = (RemoteException) ((StreamError) x).error();
      assertThat(e.errorType()).isEqualTo(StandardErrorCode.QUOTA_EXHAUSTED);
      assertThat(e.statusCode()).isEqualTo(-1);
    });
  }

  static final String GEMINI_STREAM = "["
      + "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Checking \"}],\"role\":\"model\"},\"index\":0}]},\n"
      + "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":"
          + "\"Paris\"}}}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":"
          + "{\"promptTokenCount\":10,\"candidatesTokenCount\":5,\"totalTokenCount\":22,\"thoughtsTokenCount\":7,"
          + "\"cachedContentTokenCount\":3}}\n]";

  @Test
  void geminiV2FunctionCallStopBecomesToolUse() {
    StreamPipeline p = TestSpecs.pipeline("generate-content.yaml");
    // the same bytes as SSE (alt=sse, the manifest's gemini_sse) ...
    String asSse = "data: " + GEMINI_STREAM.substring(1, GEMINI_STREAM.indexOf("},\n") + 1) + "\r\n\r\n"
        + "data: " + GEMINI_STREAM.substring(GEMINI_STREAM.indexOf("},\n") + 3, GEMINI_STREAM.length() - 2)
        + "\r\n\r\n";
    List<StreamingEvent> ev = run(p, asSse);
    List<StreamingEvent> expected = List.of(new ContentDelta("Checking ", 0),
        new ToolCallStarted(0, 0, null, "get_weather"),
        new PartialToolCall(0, 0, null, "{\"city\":\"Paris\"}"),
        new ToolCallEnded(0, 0, new ToolCall("gen_1", "get_weather", "{\"city\":\"Paris\"}")),
        new UsageReport(new Usage(10, 12, 22, 7, 3)),
        new StreamEnd(FinishReason.TOOL_USE, "STOP", 0));
    assertThat(ev).containsExactlyElementsOf(expected);
    // ... and as the JSON array stream
    StreamPipeline array = StreamPipeline.create(withFormat(p, "json_array"), null,
        TestSpecs.termination(TestSpecs.manifest("generate-content.yaml")));
    assertThat(run(array, GEMINI_STREAM)).containsExactlyElementsOf(expected);
  }

  static dev.ailib.core.spi.manifest.StreamingSpec withFormat(StreamPipeline p, String format) {
    dev.ailib.core.spi.manifest.StreamingSpec s = p.spec();
    return s.toBuilder().decoder(dev.ailib.core.spi.manifest.StreamingSpec.DecoderSpec.builder().format(format)
        .strategy(s.decoder().strategy()).build()).contentPath(null).toolCallPath(null).usagePath(null).build();
  }

  @Test
  void geminiV1FansOutOverPartsAndGeneratesIds() {
    StreamPipeline p = TestSpecs.pipeline("generate-content-fields.yaml");
    List<StreamingEvent> ev = run(p, sse(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"},{\"text\":\"b\"}]},\"index\":0}]}",
        "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{\"x\":1}}},"
            + "{\"functionCall\":{\"name\":\"g\",\"args\":{}}}]},\"finishReason\":\"MAX_TOKENS\",\"index\":0}],"
            + "\"usageMetadata\":{\"promptTokenCount\":1,\"candidatesTokenCount\":2}}"));
    assertThat(ev).containsExactly(new ContentDelta("a", 0), new ContentDelta("b", 0),
        new ToolCallStarted(0, 0, "gen_1", "f"), new ToolCallStarted(0, 1, "gen_2", "g"),
        new PartialToolCall(0, 0, "gen_1", "{\"x\":1}"), new PartialToolCall(0, 1, "gen_2", "{}"),
        new ToolCallEnded(0, 0, new ToolCall("gen_1", "f", "{\"x\":1}")),
        new ToolCallEnded(0, 1, new ToolCall("gen_2", "g", "{}")),
        new UsageReport(new Usage(1, 2, 3, 0, 0)), new StreamEnd(FinishReason.MAX_TOKENS, "MAX_TOKENS", 0));
  }

  @Test
  void cohereV2BuiltInStrategy() {
    StreamPipeline p = TestSpecs.pipeline("cohere-chat.yaml");
    List<StreamingEvent> ev = run(p, "event: message-start\ndata: {\"type\":\"message-start\",\"id\":\"x\"}\n\n"
        + "event: content-delta\ndata: {\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":"
        + "{\"text\":\"Hello\"}}}}\n\n"
        + "event: tool-call-start\ndata: {\"type\":\"tool-call-start\",\"index\":1,\"delta\":{\"message\":"
        + "{\"tool_calls\":{\"id\":\"t1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}}}}\n\n"
        + "event: tool-call-delta\ndata: {\"type\":\"tool-call-delta\",\"index\":1,\"delta\":{\"message\":"
        + "{\"tool_calls\":{\"function\":{\"arguments\":\"{}\"}}}}}\n\n"
        + "event: tool-call-end\ndata: {\"type\":\"tool-call-end\",\"index\":1}\n\n"
        + "event: message-end\ndata: {\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"TOOL_CALL\","
        + "\"usage\":{\"tokens\":{\"input_tokens\":3,\"output_tokens\":4}}}}\n\n");
    assertThat(ev).containsExactly(new ContentDelta("Hello", 0), new ToolCallStarted(0, 1, "t1", "f"),
        new PartialToolCall(0, 1, "t1", "{}"), new ToolCallEnded(0, 1, new ToolCall("t1", "f", "{}")),
        new UsageReport(new Usage(3, 4, 7, 0, 0)), new StreamEnd(FinishReason.TOOL_USE, "TOOL_CALL", 0));
  }

  @Test
  void cutConnectionIsAStreamErrorNotAnEnd() {
    List<StreamingEvent> ev = run(TestSpecs.pipeline("chat-completions.yaml"),
        sse("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}"));
    assertThat(ev.get(0)).isEqualTo(new ContentDelta("Hel", 0));
    assertThat(ev.get(1)).isInstanceOfSatisfying(StreamError.class, e -> {
      assertThat(e.error()).isInstanceOf(TransportException.class);
      assertThat(e.error().getMessage()).contains("after 1 frame(s)");
    });
    assertOneTerminalEventLast(ev);
  }

  @Test
  void malformedFrameIsAStreamErrorAndNothingFollows() {
    StreamSession s = TestSpecs.pipeline("chat-completions.yaml").newSession();
    List<StreamingEvent> ev = new ArrayList<>();
    s.onBytes("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\ndata: {nope\n\n"
        .getBytes(StandardCharsets.UTF_8), 0, 62 + 16, ev::add);
    s.onBytes("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}\n\n".getBytes(StandardCharsets.UTF_8),
        0, 10, ev::add);
    s.finish(ev::add);
    s.finish(ev::add);
    assertThat(ev).hasSize(2);
    assertThat(ev.get(1).asStreamError().error().getMessage()).contains("not valid JSON");
    assertThat(s.isTerminated()).isTrue();
  }

  @Test
  void sessionsShareNoState() {
    StreamPipeline p = TestSpecs.pipeline("chat-completions.yaml");
    StreamSession a = p.newSession();
    StreamSession b = p.newSession();
    List<StreamingEvent> ea = new ArrayList<>();
    List<StreamingEvent> eb = new ArrayList<>();
    byte[] start = sse("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"A\",\"function\":"
        + "{\"name\":\"fa\",\"arguments\":\"{\"}}]}}]}").getBytes(StandardCharsets.UTF_8);
    byte[] more = sse("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":"
        + "{\"arguments\":\"}\"}}]}}]}").getBytes(StandardCharsets.UTF_8);
    a.onBytes(start, 0, start.length, ea::add);
    b.onBytes(more, 0, more.length, eb::add);
    // b never saw a start: its fragment has no id or name to recover
    assertThat(eb).containsExactly(new PartialToolCall(0, 0, null, "}"));
    a.onBytes(more, 0, more.length, ea::add);
    assertThat(ea).containsExactly(new ToolCallStarted(0, 0, "A", "fa"), new PartialToolCall(0, 0, "A", "{"),
        new PartialToolCall(0, 0, "A", "}"));
  }

  @Test
  void v1PathKeysWithoutAnEventMap() {
    // only content_path and tool_call_path, plus termination.source_field
    StreamPipeline p = TestSpecs.pipeline("chat-completions-paths.yaml");
    List<StreamingEvent> ev = run(p, sse(
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"t\",\"function\":"
            + "{\"name\":\"f\",\"arguments\":\"{}\"}}]},\"finish_reason\":null}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}", "[DONE]"));
    assertThat(ev).containsExactly(new ContentDelta("Hi", 0), new ToolCallStarted(0, 0, "t", "f"),
        new PartialToolCall(0, 0, "t", "{}"), new ToolCallEnded(0, 0, new ToolCall("t", "f", "{}")),
        new StreamEnd(FinishReason.TOOL_USE, "tool_calls", 0));
  }

  @Test
  void aBodyInAnotherFormatThanTheDecoderNamesTheManifestSetting() {
    // NDJSON sent to an SSE decoder decodes to no frame at all: the error points at the manifest, not the network
    List<StreamingEvent> ev = run(TestSpecs.pipeline("chat-completions.yaml"),
        "{\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n");
    assertThat(ev).hasSize(1);
    assertThat(ev.get(0).asStreamError().error().getMessage())
        .contains("no frame was decoded").contains("streaming.decoder.format 'sse'");
  }

  @Test
  void frameSelectorSkipsFrames() {
    // the fields-style selector only admits listed types
    List<StreamingEvent> ev = run(TestSpecs.pipeline("messages-fields.yaml"),
        "data: {\"type\":\"unknown_thing\",\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}\n\n"
            + "data: {\"type\":\"message_stop\"}\n\n");
    assertThat(ev).containsExactly(new StreamEnd(FinishReason.END_TURN, "end_turn", 0));
  }

  @Test
  void frameSelectorNeverHidesAnError() {
    // the fields-style selector does not list 'error', yet an error frame must end the stream as an error
    List<StreamingEvent> ev = run(TestSpecs.pipeline("messages-fields.yaml"),
        "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}\n\n");
    assertThat(ev).singleElement().satisfies(e ->
        assertThat(e.asStreamError().error().errorType()).isEqualTo(StandardErrorCode.RATE_LIMITED));
  }
}
