package dev.ailib.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.StandardErrorCode;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The error contract of the value types (issue 21, R7): a null where a value is required is a
 * {@link NullPointerException} naming it, a value wrong in itself an {@link IllegalArgumentException} naming it,
 * thrown by the constructor or factory that took it. No core on this module's class path: what needs it fails
 * with an {@link AiLibException}, on every call.
 */
class ArgumentChecksTest {

  @Test
  void messagesAndContentBlocksNameTheMissingPart() {
    assertThatThrownBy(() -> new Message(null, List.of())).isInstanceOf(NullPointerException.class)
        .hasMessage("role must not be null");
    assertThatThrownBy(() -> new Message(Role.USER, Arrays.asList(ContentBlock.text("a"), null)))
        .isInstanceOf(NullPointerException.class).hasMessage("content[1] must not be null");
    assertThatThrownBy(() -> Message.user((String) null)).isInstanceOf(NullPointerException.class)
        .hasMessage("text must not be null");
    assertThatThrownBy(() -> Message.assistantToolCalls("t", null)).isInstanceOf(NullPointerException.class)
        .hasMessage("calls must not be null");
    assertThatThrownBy(() -> Message.assistantToolCalls("t", Arrays.asList((ToolCall) null)))
        .isInstanceOf(NullPointerException.class).hasMessage("calls[0] must not be null");
    assertThatThrownBy(() -> Message.tool(null, "42")).isInstanceOf(NullPointerException.class)
        .hasMessage("toolCallId must not be null");
    assertThatThrownBy(() -> ContentBlock.imageUrl(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("url must not be null");
    assertThatThrownBy(() -> new ContentBlock.Audio("AAAA", null)).isInstanceOf(NullPointerException.class)
        .hasMessage("format must not be null");
  }

  @Test
  void toolsAndToolCallsNameTheMissingPart() {
    assertThatThrownBy(() -> new ToolDefinition(null, "d", null)).isInstanceOf(NullPointerException.class)
        .hasMessage("tool name must not be null");
    assertThatThrownBy(() -> ToolDefinition.of("t", "d", null)).isInstanceOf(NullPointerException.class)
        .hasMessage("tool 't': parametersSchema must not be null");
    assertThatThrownBy(() -> ToolDefinition.from((Class<?>) null)).isInstanceOf(NullPointerException.class)
        .hasMessage("argumentsType must not be null");
    assertThatThrownBy(() -> ToolDefinition.of("t", "d", Map.of("type", new StringBuilder("object"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tool 't': parametersSchema at $.type is a java.lang.StringBuilder");
    assertThatThrownBy(() -> new ToolCall("1", null, "{}")).isInstanceOf(NullPointerException.class)
        .hasMessage("tool call name must not be null");
    assertThatThrownBy(() -> new ToolCall("1", "f", "{}").argumentsAs((Class<?>) null))
        .isInstanceOf(NullPointerException.class).hasMessage("type must not be null");
  }

  @Test
  void aMissingCoreIsAnAiLibExceptionOnEveryCallNotAClassInitialisationError() {
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> ToolDefinition.from(Map.class)).isInstanceOf(AiLibException.class)
          .hasMessageContaining("dev.ailib:ai-lib-core")
          .satisfies(e -> assertThat(((AiLibException) e).errorType()).isEqualTo(StandardErrorCode.INVALID_REQUEST));
    }
  }

  @Test
  void configurationValuesNameTheSetting() {
    assertThatThrownBy(() -> new Timeouts(null, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .isInstanceOf(NullPointerException.class).hasMessage("timeout connect must not be null");
    assertThatThrownBy(() -> Timeouts.DEFAULTS.withCall(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout call must be positive, was PT0S");
    assertThatThrownBy(() -> ResilientConfig.builder().retryBaseDelay(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("retryBaseDelay must not be null");
    assertThatThrownBy(() -> ResilientConfig.builder().maxInflightWait(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("maxInflightWait must not be null");
    assertThatThrownBy(() -> AiClient.builder().timeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive, was PT-1S");
    assertThatThrownBy(() -> AiClient.builder().apiKey(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("apiKey must not be null");
    assertThatThrownBy(() -> AiClient.builder().apiKey(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("apiKey is blank");
    assertThatThrownBy(() -> AiClient.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("model is not set");
  }

  @Test
  void perProviderSettingsAndMessageMetadataNameWhatIsWrong() {
    assertThatThrownBy(() -> AiClient.builder().baseUrl("openai", null)).isInstanceOf(NullPointerException.class)
        .hasMessage("baseUrl for provider 'openai' must not be null");
    assertThatThrownBy(() -> AiClient.builder().baseUrl(null, "https://gw.example/v1"))
        .isInstanceOf(NullPointerException.class).hasMessage("baseUrl provider must not be null");
    assertThatThrownBy(() -> AiClient.builder().allowUnlistedModels(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("allowUnlistedModels provider must not be null");
    assertThatThrownBy(() -> AiClient.builder().apiKey("open ai", "k")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("apiKey provider must be a provider id such as 'openai', was 'open ai'");
    // a password in a URL that is refused is not shown, whichever check refuses it
    assertThatThrownBy(() -> AiClient.builder().baseUrl("ftp://user:s3cret-pw@gw.example/v1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://***@gw.example/v1")
        .hasMessageNotContaining("s3cret-pw");
    assertThatThrownBy(() -> AiClient.builder().baseUrl("openai", "https://user:s3cret-pw@gw.example/a b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a valid URL")
        .hasMessageNotContaining("s3cret-pw").hasNoCause();
    assertThatThrownBy(() -> Message.user("hi").withMetadata(null, "v")).isInstanceOf(NullPointerException.class)
        .hasMessage("message metadata key must not be null");
    assertThatThrownBy(() -> Message.user("hi").withMetadata("id", null)).isInstanceOf(NullPointerException.class)
        .hasMessage("message metadata 'id' must not be null");
    assertThatThrownBy(() -> Message.user("hi").withMetadata(" ", "v")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("message metadata key is blank");
  }

  @Test
  void structuredAndToolRunOptionsCheckWhenMade() {
    assertThatThrownBy(() -> StructuredOptions.DEFAULTS.withSchemaName("my schema"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'my schema'")
        .hasMessageContaining("1 to 64 letters");
    assertThatThrownBy(() -> ToolRunOptions.DEFAULTS.withToolCallTimeout(null))
        .isInstanceOf(NullPointerException.class).hasMessage("toolCallTimeout must not be null");
    assertThatThrownBy(() -> TypeRef.of(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("type must not be null");
    assertThatThrownBy(() -> new CancelToken().onCancel(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("action must not be null");
    assertThatThrownBy(() -> RemoteMcpServer.of("docs", URI.create("https://mcp.example/")).withAllowedTools("a", null))
        .isInstanceOf(NullPointerException.class).hasMessage("allowedTools[1] must not be null");
    assertThatThrownBy(() -> ResponseFormat.jsonSchema("answer", "[1]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema 'answer' must be a JSON object");
  }

  @Test
  void aRequestMadeWithoutTheBuilderIsCheckedTheSameWay() {
    Map<String, Object> self = new HashMap<>();
    self.put("me", List.of(self));
    assertThatThrownBy(() -> new ChatRequest(List.of(Message.user("hi")), null, null, null, null, null, null, null,
        Map.of("loop", self))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("param 'loop' at $.me[0]").hasMessageContaining("contains itself");
    assertThatThrownBy(() -> new ChatRequest(List.of(Message.user("hi")), null, null, null, null, null, null, null,
        Map.of("x", new Object()))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("param 'x' is a java.lang.Object");
    assertThatThrownBy(() -> new ChatRequest(Arrays.asList((Message) null), null, null, null, null, null, null, null,
        null)).isInstanceOf(NullPointerException.class).hasMessage("messages[0] must not be null");
    // the one parameter that is not JSON: MCP servers under their own name
    ChatRequest r = new ChatRequest(List.of(Message.user("hi")), null, null, null, null, null, null, null,
        Map.of(ChatRequest.MCP_SERVERS, List.of(RemoteMcpServer.of("docs", URI.create("https://mcp.example/")))));
    assertThat(r.remoteMcpServers()).hasSize(1);
  }
}
