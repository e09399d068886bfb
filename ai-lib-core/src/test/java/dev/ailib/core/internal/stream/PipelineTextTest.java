package dev.ailib.core.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.SourceLocation;
import dev.ailib.core.spi.manifest.AuthSpec;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.StreamingSpec;
import dev.ailib.core.spi.manifest.StreamingSpec.EmitKind;
import dev.ailib.core.spi.manifest.StreamingSpec.EventRule;
import dev.ailib.core.spi.manifest.StreamingSpec.ValueSource;
import dev.ailib.core.spi.manifest.WireStyle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The manifest carries expressions and paths as text; the pipeline compiles them, and text that does not parse
 * (from a protocol source that did not check it) fails naming the manifest's source and field.
 */
class PipelineTextTest {
  private static final StreamingSpec GOOD = StreamingSpec.builder()
      .decoder(StreamingSpec.DecoderSpec.builder().format("sse").prefix("data: ").doneSignal("[DONE]").build())
      .frameSelector("exists($.choices)")
      .addEventRule(EventRule.builder().match("exists($.choices[0].delta.content)").emit(EmitKind.CONTENT_DELTA)
          .emitName("PartialContentDelta").field("content", ValueSource.ofPath(" $.choices[0].delta.content "))
          .build())
      .addEventRule(EventRule.builder().match("exists($.choices[0].finish_reason)").emit(EmitKind.STREAM_END)
          .emitName("StreamEnd").field("finish_reason", ValueSource.ofPath("$.choices[0].finish_reason")).build())
      .stopCondition("$.choices[0].finish_reason == 'stop'")
      .build();

  private static ProviderManifest manifest(StreamingSpec streaming) {
    return ProviderManifest.builder().id("acme").source("db:acme#7").wireStyle(WireStyle.OPENAI_CHAT)
        .endpoint(EndpointSpec.builder().baseUrl("http://127.0.0.1:1").chatPath("/chat").build())
        .auth(AuthSpec.builder().type(AuthSpec.Type.NONE).build()).streaming(streaming).build();
  }

  private static SourceLocation failure(UnaryOperator<StreamingSpec.Builder> change) {
    ProviderManifest m = manifest(change.apply(GOOD.toBuilder()).build());
    try {
      StreamPipeline.create(m);
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).startsWith("db:acme#7").contains("bad expression '");
      return e.location().orElseThrow();
    }
    throw new AssertionError("expected the pipeline to reject the text");
  }

  @Test
  void textFromTheRecordsIsCompiledAndRuns() {
    byte[] body = ("data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n").getBytes(StandardCharsets.UTF_8);
    List<StreamingEvent> ev = new java.util.ArrayList<>();
    StreamPipeline.create(manifest(GOOD)).newSession().iterate(new java.io.ByteArrayInputStream(body))
        .forEachRemaining(ev::add);
    assertThat(ev).first().isEqualTo(new StreamingEvent.ContentDelta("hi", 0));
    assertThat(ev).last().isInstanceOf(StreamingEvent.StreamEnd.class);
  }

  @Test
  void eachBadTextNamesItsField() {
    assertThat(failure(b -> b.frameSelector("exists($.choices")).field()).isEqualTo("streaming.frame_selector");
    assertThat(failure(b -> b.stopCondition("$.a = 'x'")).field()).isEqualTo("streaming.stop_condition");
    assertThat(failure(b -> b.contentPath("$.a[")).field()).isEqualTo("streaming.content_path");
    assertThat(failure(b -> b.usagePath("$..usage")).field()).isEqualTo("streaming.usage_path");
    assertThat(failure(b -> b.addEventRule(EventRule.builder().match("$.x ==").emit(EmitKind.METADATA).build()))
        .field()).isEqualTo("streaming.event_map[2].match");
    assertThat(failure(b -> b.addEventRule(EventRule.builder().match("exists($.u)").emit(EmitKind.METADATA)
        .field("usage", ValueSource.ofPath("$.u[x]")).build())).field())
        .isEqualTo("streaming.event_map[2].fields.usage");
    assertThat(failure(b -> b.accumulator(StreamingSpec.AccumulatorSpec.builder().flushOn("&& $.a").build()))
        .field()).isEqualTo("streaming.accumulator.flush_on");
    assertThat(failure(b -> b.candidate(StreamingSpec.CandidateSpec.builder().candidateIdPath("$.choices[*")
        .build())).field()).isEqualTo("streaming.candidate.candidate_id_path");
  }

  @Test
  void theMessageCarriesTheColumnInsideTheExpression() {
    ProviderManifest m = manifest(GOOD.toBuilder().stopCondition("$.a == 'x' &&").build());
    assertThatThrownBy(() -> StreamPipeline.create(m)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("bad expression '$.a == 'x' &&' at column 14");
  }
}
