package dev.ailib.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.ChatRequest;
import dev.ailib.api.Message;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.internal.codec.TestManifests;
import dev.ailib.core.spi.manifest.CapabilitiesSpec;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.McpSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilityGuardTest {
  private static ProviderManifest with(CapabilitiesSpec caps, EndpointSpec endpoint) {
    ProviderManifest m = TestManifests.chat("http://127.0.0.1:1");
    return m.toBuilder().endpoint(endpoint == null ? m.endpoint() : endpoint).capabilities(caps).build();
  }

  private static CapabilitiesSpec caps(Set<String> required, Set<String> optional) {
    return CapabilitiesSpec.builder().required(required).optional(optional).build();
  }

  @Test
  void undeclaredAdvancedOperationIsRejectedWithE1005NamingCapabilityAndProvider() {
    ProviderManifest m = with(CapabilitiesSpec.NONE, null);
    assertThatThrownBy(() -> CapabilityGuard.requireOperation(m, "MCPListTools"))
        .isInstanceOf(ProtocolException.class)
        .satisfies(e -> assertThat(((ProtocolException) e).errorType()).isEqualTo(StandardErrorCode.REQUEST_TOO_LARGE))
        .hasMessageContaining("'acme'").hasMessageContaining("'mcp_client'").hasMessageContaining("not sent");
    assertThatThrownBy(() -> CapabilityGuard.requireOperation(m, "VideoGenerate"))
        .hasMessageContaining("'video'");
  }

  @Test
  void declaredCapabilityPassesUnderAnyOfItsNames() {
    ProviderManifest m = with(caps(Set.of("text"), Set.of("mcp", "computer_use")), null);
    assertThat(CapabilityGuard.requireOperation(m, "mcp_call_tool")).isEqualTo(AdvancedCapability.MCP);
    assertThat(CapabilityGuard.requireOperation(m, "ComputerUse")).isEqualTo(AdvancedCapability.COMPUTER_USE);
    assertThatThrownBy(() -> CapabilityGuard.requireOperation(m, "Reason")).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> CapabilityGuard.requireOperation(m, "teleport"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teleport");
  }

  @Test
  void engineCheckRejectsAReasoningParameterTheProviderDoesNotDeclare() {
    ProviderManifest m = with(caps(Set.of("text", "tools"), Set.of()), null);
    ChatRequest r = new ChatRequest(List.of(Message.user("hi")), null, null, null, null, null, null, null,
        Map.of("reasoning_effort", "high"));
    assertThatThrownBy(() -> CapabilityChecker.check(r, m, false))
        .satisfies(e -> assertThat(((ProtocolException) e).errorType()).isEqualTo(StandardErrorCode.REQUEST_TOO_LARGE))
        .hasMessageContaining("reasoning_effort");
    ProviderManifest reasoning = with(caps(Set.of("text"), Set.of("reasoning")), null);
    CapabilityChecker.check(r, reasoning, false);
  }

  @Test
  void operationEndpointUsesTheManifestsPathAndMethodElseTheDefault() {
    EndpointSpec e = EndpointSpec.builder().baseUrl("http://x").chatPath("/chat").method("POST")
        .otherPaths(Map.of("video_get", "/v/{id}", "mcp_call_tool", "/m")).otherMethods(Map.of("video_get", "GET"))
        .build();
    ProviderManifest m = with(CapabilitiesSpec.NONE, e);
    assertThat(OperationEndpoint.resolve(m, "video_get", "/video/{id}", "POST"))
        .isEqualTo(new OperationEndpoint("/v/{id}", "GET", true));
    assertThat(OperationEndpoint.resolve(m, "mcp_call_tool", "/mcp/tools/call", "POST"))
        .isEqualTo(new OperationEndpoint("/m", "POST", true));
    assertThat(OperationEndpoint.resolve(m, "reasoning", "/reasoning", "POST"))
        .isEqualTo(new OperationEndpoint("/reasoning", "POST", false));
  }

  @Test
  void mcpIntegrationComesFromTheMcpBlockOrTheCapability() {
    ProviderManifest none = with(CapabilitiesSpec.NONE, null);
    assertThat(McpIntegration.of(none)).isEqualTo(McpIntegration.NOT_SUPPORTED);
    ProviderManifest declared = with(caps(Set.of(), Set.of("mcp_client")), null);
    assertThat(McpIntegration.of(declared).wireName()).isEqualTo("tool_bridge");
    ProviderManifest nativeMcp = none.toBuilder().mcp(McpSpec.builder().clientSupported(true)
        .configMethod("tool_parameter").apiEndpoint("/v1/responses").build()).build();
    assertThat(McpIntegration.of(nativeMcp)).isEqualTo(McpIntegration.NATIVE_API);
  }
}
