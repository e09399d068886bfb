package dev.ailib.core.internal.engine;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.TreeSet;

/**
 * Rejects, before any network call, an operation or request that needs an {@link AdvancedCapability} the provider's
 * manifest does not declare. Advanced capabilities are opt-in: a manifest that declares nothing declares none of
 * them. The rejection is a {@link ProtocolException} with the standard code {@code E1005 request_too_large}, which
 * the AI-Protocol assigns to "capability not declared" (its {@code compliance_aliases}
 * {@code capability_not_declared} and {@code unsupported_capability}): not retryable, not fallbackable.
 */
public final class CapabilityGuard {
  private CapabilityGuard() {
  }

  /**
   * Checks that an advanced operation may be called.
   *
   * @param manifest the provider's manifest
   * @param operation the operation, such as {@code mcp_list_tools} or {@code ComputerUse}
   * @return the capability the operation needs
   * @throws IllegalArgumentException when the operation is not a known advanced operation
   * @throws ProtocolException (E1005) when the manifest does not declare the capability
   */
  public static AdvancedCapability requireOperation(ProviderManifest manifest, String operation) {
    AdvancedCapability capability = AdvancedCapability.forOperation(operation)
        .orElseThrow(() -> new IllegalArgumentException("unknown advanced operation '" + operation
            + "'; known capabilities: mcp, computer_use, reasoning, video"));
    require(manifest, capability, "operation '" + operation + "'");
    return capability;
  }

  /**
   * Whether the manifest declares a capability, under any of its names.
   *
   * @param manifest the manifest
   * @param capability the capability
   * @return true when declared
   */
  public static boolean declares(ProviderManifest manifest, AdvancedCapability capability) {
    return capability.declaredBy().stream().anyMatch(manifest.capabilities()::declares);
  }

  /**
   * Checks that the manifest declares a capability.
   *
   * @param manifest the provider's manifest
   * @param capability the capability
   * @param neededFor what needs it, for the message
   * @throws ProtocolException (E1005) when it is not declared
   */
  public static void require(ProviderManifest manifest, AdvancedCapability capability, String neededFor) {
    if (declares(manifest, capability)) {
      return;
    }
    TreeSet<String> declared = new TreeSet<>(manifest.capabilities().required());
    declared.addAll(manifest.capabilities().optional());
    throw new ProtocolException(StandardErrorCode.REQUEST_TOO_LARGE, "provider '" + manifest.id()
        + "' does not declare capability '" + capability.capability() + "', needed for " + neededFor
        + "; it declares " + (declared.isEmpty() ? "no capabilities" : declared.toString()) + " (manifest "
        + manifest.source() + "); the request was not sent", null, null);
  }

  /**
   * Checks that the provider takes MCP servers in the request ({@link McpIntegration#NATIVE_API}): requests that
   * carry {@code mcp_servers} go only to such providers.
   *
   * @param manifest the provider's manifest
   * @throws ProtocolException (E1005) for a provider whose MCP integration is {@code tool_bridge} or
   *     {@code not_supported}
   */
  public static void requireNativeMcp(ProviderManifest manifest) {
    McpIntegration integration = McpIntegration.of(manifest);
    if (integration == McpIntegration.NATIVE_API) {
      return;
    }
    throw new ProtocolException(StandardErrorCode.REQUEST_TOO_LARGE, "provider '" + manifest.id()
        + "' does not take MCP servers in the request (request parameter 'mcp_servers'): its manifest ("
        + manifest.source() + ") declares MCP integration '" + integration.wireName() + "', and native_api needs "
        + "mcp.client.supported: true with provider_mapping.config_method: tool_parameter"
        + (integration == McpIntegration.TOOL_BRIDGE ? "; connect to the servers yourself (ai-lib-mcp's McpToolSet) "
            + "and pass their tools" : "")
        + "; the request was not sent", null, null);
  }
}
