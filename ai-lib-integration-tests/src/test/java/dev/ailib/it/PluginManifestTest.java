package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ChatStream;
import dev.ailib.api.FinishReason;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.SourceLocation;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.AuthSpec;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.ExpressionSyntax;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.ParameterSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.StreamingSpec;
import dev.ailib.core.spi.manifest.StreamingSpec.EmitKind;
import dev.ailib.core.spi.manifest.StreamingSpec.EventRule;
import dev.ailib.core.spi.manifest.StreamingSpec.ValueSource;
import dev.ailib.core.spi.manifest.TerminationSpec;
import dev.ailib.core.spi.manifest.WireStyle;
import dev.ailib.core.spi.protocol.ProtocolSource;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A protocol source written the way a plugin author writes one: manifests built in code with the SPI builders (no
 * YAML, no core internals), served through {@code AiClient} against the fake provider.
 */
class PluginManifestTest {
  private static final String SOURCE = "plugin:acme-db";

  private FakeProvider fake;

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  /** An OpenAI-compatible provider, with the content rule's match expression given. */
  private ProviderManifest manifest(String contentMatch) {
    StreamingSpec streaming = StreamingSpec.builder()
        .decoder(StreamingSpec.DecoderSpec.builder().format("sse").prefix("data: ").doneSignal("[DONE]").build())
        .addEventRule(EventRule.builder().match(contentMatch).emit(EmitKind.CONTENT_DELTA)
            .emitName("PartialContentDelta").field("content", ValueSource.ofPath("$.choices[0].delta.content"))
            .build())
        .addEventRule(EventRule.builder().match("exists($.choices[0].finish_reason)").emit(EmitKind.STREAM_END)
            .emitName("StreamEnd").field("finish_reason", ValueSource.ofPath("$.choices[0].finish_reason")).build())
        .build();
    return ProviderManifest.builder().id("acme").protocolVersion("2.0").name("Acme").source(SOURCE)
        .wireStyle(WireStyle.OPENAI_CHAT)
        .endpoint(EndpointSpec.builder().baseUrl(fake.baseUrl()).chatPath("/chat/completions").build())
        .auth(AuthSpec.builder().type(AuthSpec.Type.BEARER).headerName("Authorization").prefix("Bearer")
            .tokenEnvVars(List.of("ACME_API_KEY")).build())
        .parameter(ParameterSpec.builder().name("max_tokens").type("integer").min(1.0).max(4096.0).build())
        .streaming(streaming)
        .termination(TerminationSpec.builder().sourceField("finish_reason")
            .mapping(Map.of("stop", "end_turn", "length", "max_tokens")).build())
        .model(ModelSpec.builder().id("acme-1").contextWindow(8192L).build())
        .build();
  }

  private static ProtocolSource source(ProviderManifest m) {
    return new ProtocolSource() {
      @Override
      public Optional<ProviderManifest> manifest(String providerId) {
        return m.id().equals(providerId) ? Optional.of(m) : Optional.empty();
      }

      @Override
      public Set<String> providerIds() {
        return Set.of(m.id());
      }
    };
  }

  private static AiClient client(ProviderManifest m) {
    return AiClient.builder().model("acme/acme-1").component(source(m)).apiKey(Fixtures.KEY)
        .resilience(ResilientConfig.builder().maxRetries(0).build()).component(Environment.of(Map.of())).build();
  }

  @Test
  void aManifestBuiltWithTheBuildersAnswersAndStreams() {
    ProviderManifest m = manifest("exists($.choices[0].delta.content)");
    assertThat(ExpressionSyntax.standard().checkExpression(m.streaming().eventMap().get(0).match())).isEmpty();
    fake.enqueue(Reply.text("Hello there"), Reply.text("Streamed words"));
    try (AiClient client = client(m)) {
      ChatResponse r = client.chat().user("Hi").maxTokens(50).execute();
      assertThat(r.content()).isEqualTo("Hello there");
      assertThat(r.finishReason()).isEqualTo(FinishReason.END_TURN);

      StringBuilder text = new StringBuilder();
      StreamingEvent last = null;
      try (ChatStream s = client.chat().user("Hi").stream()) {
        for (StreamingEvent e : s) {
          if (e.isContentDelta()) {
            text.append(e.asContentDelta().text());
          }
          last = e;
        }
      }
      assertThat(text).hasToString("Streamed words");
      assertThat(last).isInstanceOf(StreamingEvent.StreamEnd.class);
      assertThat(((StreamingEvent.StreamEnd) last).finishReason()).isEqualTo(FinishReason.END_TURN);
    }
    assertThat(fake.requestCount()).isEqualTo(2);
  }

  @Test
  void aBadStreamExpressionFromAPluginFailsBeforeAnyRequestNamingSourceFieldAndColumn() {
    String bad = "exists($.choices[0].delta.content) && $.x ==";
    ProviderManifest m = manifest(bad);
    // what a plugin can check at load: the same grammar core compiles with
    ExpressionSyntax.SyntaxError error = ExpressionSyntax.standard().checkExpression(bad).orElseThrow();
    assertThat(error.column()).isEqualTo(bad.length() + 1);
    try (AiClient client = client(m)) {
      assertThatThrownBy(() -> client.chat().user("Hi").stream().close())
          .isInstanceOfSatisfying(ProtocolException.class, e -> {
            SourceLocation at = e.location().orElseThrow();
            assertThat(at.file()).isEqualTo(SOURCE);
            assertThat(at.field()).isEqualTo("streaming.event_map[0].match");
            assertThat(e.getMessage()).contains(error.message())
                .contains("bad expression '" + bad + "' at column " + (bad.length() + 1));
          });
    }
    assertThat(fake.requestCount()).as("no request is sent for a manifest that does not compile").isZero();
  }
}
