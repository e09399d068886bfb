package dev.ailib.core.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.StreamingEvent;
import dev.ailib.api.StreamingEvent.ToolCallEnded;
import dev.ailib.api.ToolCall;
import dev.ailib.core.internal.codec.TestManifests;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.StreamingSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gemini's thought signatures reach {@link ToolCallEnded}: the wire style says where they are (beside
 * {@code functionCall} in a part), so every way of writing the tool-call rule carries them: the built-in rules, a
 * rule over {@code parts[*].functionCall} (the bundled manifest), rules over {@code parts[*].functionCall.name} /
 * {@code .args} with {@code fields} (as the v1 manifest), and a rule over {@code parts[0].functionCall} (as v2).
 */
class GeminiThoughtSignatureStreamTest {
  static final String SIGNATURE = "CsEDAb4+9vtL0yq7xXH1mZb2c3R5Z2F0dXJlLW9uZS1mb3ItdGhlLWZpcnN0LWNhbGwtb25seQ==";

  static String resource(String name) {
    try (InputStream in = GeminiThoughtSignatureStreamTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Gemini manifest (wire style GEMINI_GENERATE_CONTENT) with the streaming section of a fixture, or none. */
  static StreamPipeline pipeline(String fixture) {
    ProviderManifest m = TestManifests.generate("http://x");
    StreamingSpec streaming = fixture == null ? null
        : TestSpecs.streaming(TestSpecs.manifest(fixture).get("streaming"));
    return StreamPipeline.create(m.toBuilder().streaming(streaming).build());
  }

  static List<ToolCall> ended(StreamPipeline p, String body) {
    AtomicInteger ids = new AtomicInteger();
    StreamSession s = p.newSession(() -> "gen_" + ids.incrementAndGet());
    List<StreamingEvent> out = new ArrayList<>();
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    s.onBytes(b, 0, b.length, out::add);
    s.finish(out::add);
    assertThat(out).noneMatch(StreamingEvent::isStreamError);
    return out.stream().filter(e -> e instanceof ToolCallEnded).map(e -> ((ToolCallEnded) e).call()).toList();
  }

  static Stream<Arguments> rules() {
    return Stream.of(Arguments.of("built-in rules", null), Arguments.of("parts[*].functionCall", "bundled-gemini"),
        Arguments.of("fields over parts[*].functionCall.name and .args", "generate-content-fields.yaml"),
        Arguments.of("parts[0].functionCall", "generate-content.yaml"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void parallelCallsTheFirstSigned(String what, String fixture) {
    StreamPipeline p = "bundled-gemini".equals(fixture) ? bundledStyle() : pipeline(fixture);
    String body = resource("/dev/ailib/core/internal/codec/gemini3-parallel-calls.sse");
    List<ToolCall> calls = ended(p, body);
    if ("generate-content.yaml".equals(fixture)) {
      // that manifest reads the first part only: one call, with its signature
      assertThat(calls).extracting(ToolCall::name, ToolCall::argumentsJson, ToolCall::signature)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("get_weather", "{\"city\":\"Paris\"}", SIGNATURE));
      return;
    }
    assertThat(calls).extracting(ToolCall::name, ToolCall::argumentsJson, ToolCall::signature).containsExactly(
        org.assertj.core.groups.Tuple.tuple("get_weather", "{\"city\":\"Paris\"}", SIGNATURE),
        org.assertj.core.groups.Tuple.tuple("get_weather", "{\"city\":\"London\"}", null));
  }

  /** The bundled manifest's rule, written out: {@code tool_call: $.candidates[0].content.parts[*].functionCall}. */
  static StreamPipeline bundledStyle() {
    return StreamPipeline.create(TestManifests.generate("http://x")
        .toBuilder().streaming(StreamingSpec.builder()
            .decoder(StreamingSpec.DecoderSpec.builder().format("gemini_sse").strategy("gemini_generate")
                .prefix("data: ").build())
            .addEventRule(StreamingSpec.EventRule.builder()
                .match("exists($.candidates[0].content.parts[*].functionCall)")
                .emit(StreamingSpec.EmitKind.PARTIAL_TOOL_CALL).emitName("PartialToolCall")
                .field("tool_call", StreamingSpec.ValueSource.ofPath("$.candidates[0].content.parts[*].functionCall"))
                .build())
            .addEventRule(StreamingSpec.EventRule.builder().match("exists($.candidates[0].finishReason)")
                .emit(StreamingSpec.EmitKind.FINAL_CANDIDATE).emitName("FinalCandidate")
                .field("finish_reason", StreamingSpec.ValueSource.ofPath("$.candidates[0].finishReason")).build())
            .build()).build());
  }

  @Test
  void aManifestMayNameTheSignatureItself() {
    StreamPipeline p = StreamPipeline.create(TestManifests.generate("http://x").toBuilder().streaming(
        StreamingSpec.builder()
            .decoder(StreamingSpec.DecoderSpec.builder().format("sse").prefix("data: ").build())
            .addEventRule(StreamingSpec.EventRule.builder().match("exists($.call)")
                .emit(StreamingSpec.EmitKind.PARTIAL_TOOL_CALL).emitName("PartialToolCall")
                .field("tool_call", StreamingSpec.ValueSource.ofPath("$.call"))
                .field("signature", StreamingSpec.ValueSource.ofPath("$.sig")).build())
            .build()).build());
    List<ToolCall> calls = ended(p, "data: {\"call\":{\"name\":\"f\",\"args\":{}},\"sig\":\"s-1\"}\n\n"
        + "data: {\"candidates\":[{\"finishReason\":\"STOP\",\"index\":0}]}\n\n");
    assertThat(calls).extracting(ToolCall::signature).containsExactly("s-1");
  }

  @Test
  void sequentialStreamsEachCallItsOwnSignatureAndTheFirstOfACallWins() {
    StreamPipeline p = pipeline(null);
    String body = StreamMappingTest.sse(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"a\",\"args\":{}},"
            + "\"thoughtSignature\":\"sig-a\"},{\"functionCall\":{\"name\":\"b\",\"args\":{}},"
            + "\"thoughtSignature\":\"sig-b\"}],\"role\":\"model\"},\"index\":0}]}",
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"},\"finishReason\":\"STOP\","
            + "\"index\":0}]}");
    assertThat(ended(p, body)).extracting(ToolCall::name, ToolCall::signature).containsExactly(
        org.assertj.core.groups.Tuple.tuple("a", "sig-a"), org.assertj.core.groups.Tuple.tuple("b", "sig-b"));
  }

  @Test
  void theAccumulatorKeepsTheFirstSignatureACallGets() {
    ToolCallAccumulator acc = new ToolCallAccumulator(true, () -> "gen");
    List<StreamingEvent> out = new ArrayList<>();
    acc.fragment(0, 0, "c1", "f", "{\"a\":", null, null, out::add);
    acc.fragment(0, 0, "c1", null, "1}", "first", null, out::add);
    acc.fragment(0, 0, "c1", null, null, "second", null, out::add);
    acc.flushAll(out::add);
    assertThat(acc.completed()).containsExactly(new ToolCall("c1", "f", "{\"a\":1}", "first"));
  }
}
