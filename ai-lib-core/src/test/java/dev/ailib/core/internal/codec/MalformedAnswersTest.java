package dev.ailib.core.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.ChatResponse;
import dev.ailib.api.FinishReason;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** A 2xx body that is not the wire style's response fails with a classified error naming what is missing. */
class MalformedAnswersTest {
  private static ChatResponse decode(ProviderManifest m, String body) {
    return WireCodec.forStyle(m.wireStyle()).decode(body.getBytes(StandardCharsets.UTF_8), m, null);
  }

  static Stream<Arguments> cases() {
    ProviderManifest chat = TestManifests.chat("http://x");
    ProviderManifest messages = TestManifests.messages("http://x");
    ProviderManifest generate = TestManifests.generate("http://x");
    return Stream.of(
        Arguments.of(chat, "", "empty"),
        Arguments.of(chat, "[1,2,3]", "it is an array"),
        Arguments.of(chat, "42", "it is the number 42"),
        Arguments.of(chat, "null", "it is null"),
        Arguments.of(chat, "{}", "\"choices\" is missing"),
        Arguments.of(chat, "{\"choices\":\"x\"}", "\"choices\" is a string"),
        Arguments.of(chat, "{\"choices\":[]}", "\"choices\" is an empty array"),
        Arguments.of(chat, "{\"choices\":[7]}", "\"choices[0]\" is the number 7"),
        Arguments.of(chat, "{\"choices\":[{\"finish_reason\":\"stop\"}]}", "\"choices[0].message\" is missing"),
        Arguments.of(messages, "{}", "\"content\" is missing"),
        Arguments.of(messages, "{\"content\":\"hi\"}", "\"content\" is a string"),
        Arguments.of(messages, "[1,2,3]", "it is an array"),
        Arguments.of(generate, "{}", "\"candidates\" is missing"),
        Arguments.of(generate, "{\"candidates\":[]}", "\"candidates\" is an empty array"),
        Arguments.of(generate, "{\"candidates\":[\"x\"]}", "\"candidates[0]\" is a string"),
        Arguments.of(generate, "42", "it is the number 42"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void failsNamingWhatIsMissing(ProviderManifest m, String body, String problem) {
    assertThatThrownBy(() -> decode(m, body))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("provider '" + m.id() + "'")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((AiLibException) e).errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR));
  }

  @Test
  void aSuccessBodyHoldingAnErrorIsThatProviderError() {
    assertThatThrownBy(() -> decode(TestManifests.chat("http://x"),
        "{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"))
        .isInstanceOf(RemoteException.class)
        .satisfies(e -> assertThat(((RemoteException) e).errorType()).isEqualTo(StandardErrorCode.QUOTA_EXHAUSTED))
        .hasMessageContaining("quota");
    assertThatThrownBy(() -> decode(TestManifests.messages("http://x"),
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
        .isInstanceOf(RemoteException.class)
        .satisfies(e -> assertThat(((RemoteException) e).errorType()).isEqualTo(StandardErrorCode.OVERLOADED));
  }

  @Test
  void aBlockedGeminiPromptIsARefusalNotAnError() {
    ChatResponse r = decode(TestManifests.generate("http://x"),
        "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"usageMetadata\":{\"promptTokenCount\":5,"
            + "\"totalTokenCount\":5}}");
    assertThat(r.finishReason()).isEqualTo(FinishReason.REFUSAL);
    assertThat(r.rawFinishReason()).isEqualTo("SAFETY");
    assertThat(r.content()).isEmpty();
    assertThat(r.usage().promptTokens()).isEqualTo(5);
  }

  @Test
  void anOpenAiToolCallWithANullFinishReasonIsToolUse() {
    ChatResponse r = decode(TestManifests.chat("http://x"), "{\"choices\":[{\"message\":{\"content\":null,"
        + "\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
        + "\"finish_reason\":null}]}");
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
  }
}
