package dev.ailib.core.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.core.internal.expression.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stream payload reader builds only what a pipeline's rules read: every path the pipeline reads must reach the
 * same values in the projected tree as in the whole one ({@code readTree}), for every fixture manifest and frames
 * of every wire shape, and whatever the fast path cannot read like {@code readTree} is read by {@code readTree}.
 */
class ProjectingFrameReaderTest {
  private static final Supplier<String> WHERE = () -> "test frame";

  /** Frames of each wire shape, with the extras providers send (ids, fingerprints, logprobs, nesting, escapes). */
  private static final List<String> FRAMES = List.of(
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1732406400,\"model\":\"gpt-4o\","
          + "\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
          + "\"content\":\"a \\\"b\\\" \\u00e9 \\ud83d\\ude80\"},\"logprobs\":{\"content\":[{\"token\":\"a\","
          + "\"logprob\":-0.1,\"bytes\":[97]}]},\"finish_reason\":null}],\"usage\":null}",
      "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\","
          + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\"}}]}},{\"index\":1,"
          + "\"delta\":{\"reasoning_content\":\"hm\"},\"finish_reason\":\"stop\"}]}",
      "{\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12,"
          + "\"prompt_tokens_details\":{\"cached_tokens\":4},\"big\":123456789012345678901234567890,\"f\":1.5e3}}",
      "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}",
      "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\","
          + "\"name\":\"f\",\"input\":{}}}",
      "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":7}}",
      "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}",
      "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"},{\"functionCall\":{\"name\":\"f\",\"args\":"
          + "{\"a\":[1,2,{\"b\":null}]}}}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],"
          + "\"usageMetadata\":{\"promptTokenCount\":2,\"thoughtsTokenCount\":1},\"modelVersion\":\"g\"}",
      "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}",
      "{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"c\"}}}}",
      "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\",\"usage\":{\"tokens\":{\"input_tokens\":1}}}}",
      "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"code\":\"x\"}}",
      "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}",
      "{}", "[]", "[{\"a\":1},2]", "\"just text\"", "true", "null");

  @ParameterizedTest
  @ValueSource(strings = {"chat-completions.yaml", "chat-completions-fields.yaml", "chat-completions-paths.yaml",
      "chat-completions-wildcards.yaml", "cohere-chat.yaml", "generate-content-fields.yaml", "generate-content.yaml",
      "messages-fields.yaml", "messages.yaml"})
  void everyPathThePipelineReadsSeesTheSameValuesAsInTheWholeFrame(String manifest) {
    StreamPipeline p = TestSpecs.pipeline(manifest);
    ProjectingFrameReader reader = p.newReader();
    for (String frame : FRAMES) {
      JsonNode whole = Json.parse(buf(frame), 0, frame.getBytes(StandardCharsets.UTF_8).length, WHERE);
      JsonNode projected = read(reader, frame);
      for (JsonPath path : p.reads()) {
        assertThat(path.select(projected)).as("%s on %s (%s)", path.text(), frame, manifest)
            .isEqualTo(path.select(whole));
      }
      assertThat(reader.whole(projected)).isEqualTo(whole);
    }
  }

  @Test
  void fieldsNoRuleReadsAreNotBuilt() {
    ProjectingFrameReader reader = TestSpecs.pipeline("chat-completions.yaml").newReader();
    JsonNode projected = read(reader, FRAMES.get(0));
    assertThat(projected.has("id")).isFalse();
    assertThat(projected.has("system_fingerprint")).isFalse();
    assertThat(projected.path("choices").path(0).has("logprobs")).isFalse();
    assertThat(projected.path("choices").path(0).path("delta").path("content").textValue())
        .isEqualTo("a \"b\" é 🚀");
  }

  @Test
  void payloadsTheFastPathCannotReadAreReadLikeReadTree() {
    ProjectingFrameReader reader = TestSpecs.pipeline("chat-completions.yaml").newReader();
    // content after the value: readTree ignores it, and so does the reader; the next frame still reads
    assertThat(read(reader, "{\"choices\":[]} {\"x\":1}").path("choices").isArray()).isTrue();
    assertThat(read(reader, "{\"usage\":{\"total_tokens\":2}}").path("usage").path("total_tokens").intValue())
        .isEqualTo(2);
    // a root number (complete only at the end of input) and a value cut short
    assertThat(read(reader, "42").intValue()).isEqualTo(42);
    assertThatThrownBy(() -> read(reader, "{\"choices\":[{\"index\":0"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("test frame");
    assertThatThrownBy(() -> read(reader, "{oops}")).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("not valid JSON");
    // and after failures the reader goes on with a fresh parser
    assertThat(read(reader, FRAMES.get(0)).path("choices").size()).isEqualTo(1);
  }

  @Test
  void anErrorFrameIsClassifiedOnItsWholePayload() {
    // the error rule matches on a field the rules read; the classifier reads the message and code beside it
    StreamPipeline p = StreamPipeline.create(TestSpecs.streamingJson("{\"decoder\":{\"format\":\"sse\"},"
        + "\"event_map\":[{\"match\":\"$.type == 'error'\",\"emit\":\"StreamError\"},"
        + "{\"match\":\"exists($.text)\",\"emit\":\"PartialContentDelta\",\"fields\":{\"content\":\"$.text\"}}]}"),
        null, null);
    List<StreamingEvent> events = StreamMappingTest.run(p, StreamMappingTest.sse("{\"text\":\"a\"}",
        "{\"type\":\"error\",\"message\":\"Overloaded right now\",\"code\":\"overloaded\",\"request_id\":\"r1\"}"));
    StreamingEvent last = events.get(events.size() - 1);
    assertThat(last.isStreamError()).isTrue();
    RemoteException e = (RemoteException) last.asStreamError().error();
    assertThat(e.getMessage()).contains("Overloaded right now");
    assertThat(e.providerCode()).hasValue("overloaded");
    assertThat(e.requestId()).hasValue("r1");
  }

  private static JsonNode read(ProjectingFrameReader reader, String frame) {
    byte[] b = frame.getBytes(StandardCharsets.UTF_8);
    ByteBuf buf = new ByteBuf(b.length + 8);
    buf.append(new byte[] {'x', 'x'}, 0, 2, Integer.MAX_VALUE); // payloads sit anywhere in the decoder's buffer
    buf.append(b, 0, b.length, Integer.MAX_VALUE);
    return reader.read(buf, 2, b.length, WHERE);
  }

  private static ByteBuf buf(String frame) {
    byte[] b = frame.getBytes(StandardCharsets.UTF_8);
    ByteBuf buf = new ByteBuf(b.length + 1);
    buf.append(b, 0, b.length, Integer.MAX_VALUE);
    return buf;
  }
}
