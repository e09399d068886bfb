package dev.ailib.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.StandardErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

  @Test
  void toolCallArgumentsAreParsed() {
    ToolCall call = new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\",\"days\":3,\"units\":[\"c\"]}");
    assertThat(call.arguments()).containsEntry("city", "Paris").containsEntry("days", 3L)
        .containsEntry("units", List.of("c"));
  }

  @Test
  void toolCallWithBrokenArgumentsSaysWhich() {
    ToolCall call = new ToolCall("call_9", "f", "{\"a\":");
    // the model's answer breaks the request's contract: an AiLibException, as argumentsAs reports it
    assertThatThrownBy(call::arguments).isInstanceOf(dev.ailib.api.error.StructuredOutputException.class)
        .hasMessageContaining("tool call 'f' (id call_9)").hasMessageContaining("not valid JSON");
    assertThatThrownBy(new ToolCall("call_8", "f", "[1]")::arguments)
        .isInstanceOf(dev.ailib.api.error.StructuredOutputException.class).hasMessageContaining("not a JSON object");
  }

  @Test
  void toolDefinitionRoundTripsItsSchema() {
    ToolDefinition tool = ToolDefinition.of("get_weather", "Weather by city",
        Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))));
    assertThat(tool.parameters()).containsEntry("type", "object");
    assertThatThrownBy(() -> new ToolDefinition("t", "d", "[1]")).hasMessageContaining("must be a JSON object");
  }

  @Test
  void messageFactoriesSetRoles() {
    assertThat(Message.system("s").role()).isEqualTo(Role.SYSTEM);
    assertThat(Message.tool("id", "42").content().get(0)).isEqualTo(new ContentBlock.ToolResult("id", "42", false));
    Message m = Message.assistantToolCalls("thinking aloud", List.of(new ToolCall("1", "f", "{}")));
    assertThat(m.content()).hasSize(2);
    assertThat(m.text()).isEqualTo("thinking aloud");
  }

  @Test
  void imageNeedsExactlyOneSource() {
    assertThatThrownBy(() -> new ContentBlock.Image(null, null, null)).hasMessageContaining("exactly one");
    assertThatThrownBy(() -> new ContentBlock.Image(null, "AAAA", null)).hasMessageContaining("mediaType");
    assertThat(ContentBlock.imageBase64("image/png", "AAAA").toString()).doesNotContain("AAAA");
  }

  @Test
  void resilientConfigRejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> ResilientConfig.builder().maxRetries(-1))
        .hasMessage("maxRetries must be between 0 and 100, was -1");
    assertThatThrownBy(() -> ResilientConfig.builder().rateLimitRps(Double.NaN)).hasMessageContaining("rateLimitRps");
    assertThatThrownBy(() -> ResilientConfig.builder().circuitBreakerCooldown(Duration.ZERO))
        .hasMessageContaining("circuitBreakerCooldown");
    assertThatThrownBy(() -> ResilientConfig.builder().retryBaseDelay(Duration.ofSeconds(5))
        .retryMaxDelay(Duration.ofSeconds(1)).build()).hasMessageContaining("retryBaseDelay");
    ResilientConfig ok = ResilientConfig.builder().maxRetries(3).rateLimitRps(10).circuitBreakerThreshold(5)
        .maxInflight(50).build();
    assertThat(ok.maxRetries()).contains(3);
    assertThat(ok.retryMaxDelay()).isEmpty();
  }

  @Test
  void standardErrorCodesFollowTheSpec() {
    assertThat(StandardErrorCode.values()).hasSize(13);
    assertThat(StandardErrorCode.find("E2001")).contains(StandardErrorCode.RATE_LIMITED);
    assertThat(StandardErrorCode.find("quota_exhausted")).contains(StandardErrorCode.QUOTA_EXHAUSTED);
    assertThat(StandardErrorCode.QUOTA_EXHAUSTED.retryable()).isFalse();
    assertThat(StandardErrorCode.AUTHENTICATION.fallbackable()).isTrue();
    assertThat(StandardErrorCode.fromHttpStatus(529)).isEqualTo(StandardErrorCode.OVERLOADED);
    assertThat(StandardErrorCode.fromHttpStatus(504)).isEqualTo(StandardErrorCode.TIMEOUT);
    assertThat(StandardErrorCode.fromHttpStatus(418)).isEqualTo(StandardErrorCode.INVALID_REQUEST);
  }

  @Test
  void builderValidatesSettingsWithoutLeakingTheKey() {
    assertThatThrownBy(() -> AiClient.builder().model("gpt-4o")).hasMessageContaining("'provider/model'")
        .hasMessageContaining("gpt-4o");
    assertThatThrownBy(() -> AiClient.builder().baseUrl("ftp://x")).hasMessageContaining("http or https");
    AiClientBuilder b = AiClient.builder().model("openai/gpt-4o").apiKey("sk-secret-123");
    assertThat(b.toString()).doesNotContain("sk-secret-123");
  }

  @Test
  void timeoutsMustBePositive() {
    assertThatThrownBy(() -> Timeouts.DEFAULTS.withCall(Duration.ofSeconds(-1)))
        .hasMessageContaining("timeout call must be positive");
  }

  @Test
  void exceptionsWithoutCauseAcceptOneLater() {
    dev.ailib.api.error.CancelledException e = new dev.ailib.api.error.CancelledException("call cancelled");
    IllegalStateException aborted = new IllegalStateException("aborted");
    e.initCause(aborted);
    assertThat(e.getCause()).isSameAs(aborted);
    assertThat(new dev.ailib.api.error.CancelledException("x", aborted).getCause()).isSameAs(aborted);
  }
}
