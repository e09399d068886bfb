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
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilityGuardTest {
  private static ProviderManifest with(CapabilitiesSpec caps, EndpointSpec endpoint) {
    ProviderManifest m = TestManifests.chat("http://127.0.0.1:1");
    return new ProviderManifest(m.id(), m.protocolVersion(), m.name(), m.source(), m.wireStyle(),
        endpoint == null ? m.endpoint() : endpoint, m.auth(), m.parameters(), caps, m.streaming(), m.errors(),
        m.retry(), m.rateLimitHeaders(), m.termination(), m.models());
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
    ProviderManifest m = with(new CapabilitiesSpec(Set.of("text"), Set.of("mcp", "computer_use"), Map.of()), null);
    assertThat(CapabilityGuard.requireOperation(m, "mcp_call_tool")).isEqualTo(AdvancedCapability.MCP);
    assertThat(CapabilityGuard.requireOperation(m, "ComputerUse")).isEqualTo(AdvancedCapability.COMPUTER_USE);
    assertThatThrownBy(() -> CapabilityGuard.requireOperation(m, "Reason")).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> CapabilityGuard.requireOperation(m, "teleport"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teleport");
  }

  @Test
  void engineCheckRejectsAReasoningParameterTheProviderDoesNotDeclare() {
    ProviderManifest m = with(new CapabilitiesSpec(Set.of("text", "tools"), Set.of(), Map.of()), null);
    ChatRequest r = new ChatRequest(List.of(Message.user("hi")), null, null, null, null, null, null, null,
        Map.of("reasoning_effort", "high"));
    assertThatThrownBy(() -> CapabilityChecker.check(r, m, false))
        .satisfies(e -> assertThat(((ProtocolException) e).errorType()).isEqualTo(StandardErrorCode.REQUEST_TOO_LARGE))
        .hasMessageContaining("reasoning_effort");
    ProviderManifest reasoning = with(new CapabilitiesSpec(Set.of("text"), Set.of("reasoning"), Map.of()), null);
    CapabilityChecker.check(r, reasoning, false);
  }

  @Test
  void operationEndpointUsesTheManifestsPathAndMethodElseTheDefault() {
    EndpointSpec e = new EndpointSpec("http://x", "/chat", null, null, "POST",
        Map.of("video_get", "/v/{id}", "mcp_call_tool", "/m"), Map.of("video_get", "GET"));
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
    ProviderManifest declared = with(new CapabilitiesSpec(Set.of(), Set.of("mcp_client"), Map.of()), null);
    assertThat(McpIntegration.of(declared).wireName()).isEqualTo("tool_bridge");
    ProviderManifest nativeMcp = new ProviderManifest(none.id(), none.protocolVersion(), none.name(), none.source(),
        none.wireStyle(), none.endpoint(), none.auth(), none.parameters(), none.capabilities(), none.streaming(),
        none.errors(), none.retry(), none.rateLimitHeaders(), none.termination(), none.models(),
        new dev.ailib.core.spi.manifest.McpSpec(true, "tool_parameter", "/v1/responses", null, false));
    assertThat(McpIntegration.of(nativeMcp)).isEqualTo(McpIntegration.NATIVE_API);
  }
}
