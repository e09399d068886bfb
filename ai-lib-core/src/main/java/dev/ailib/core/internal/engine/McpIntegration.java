package dev.ailib.core.internal.engine;

import dev.ailib.core.spi.manifest.McpSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;

/**
 * How MCP tools reach a provider's models (the provider contract's {@code mcp.integration_method}), decided from the
 * manifest:
 * <ul>
 *   <li>{@link #NATIVE_API}: the manifest's {@code mcp.client} is supported with {@code config_method:
 *       tool_parameter}; MCP servers go in the request and the provider calls them;</li>
 *   <li>{@link #TOOL_BRIDGE}: the provider declares the {@code mcp_client} capability (or an MCP client configured
 *       by the caller's SDK, {@code config_method: sdk_config}) but does not call servers itself; the caller's side
 *       lists the MCP tools and passes them to the model as ordinary function tools;</li>
 *   <li>{@link #NOT_SUPPORTED}: neither; MCP operations are rejected by {@link CapabilityGuard} with E1005.</li>
 * </ul>
 */
public enum McpIntegration {
  /** The provider calls MCP servers given in the request. */
  NATIVE_API("native_api"),
  /** MCP tools are bridged to function tools. */
  TOOL_BRIDGE("tool_bridge"),
  /** No MCP. */
  NOT_SUPPORTED("not_supported");

  private final String wireName;

  McpIntegration(String wireName) {
    this.wireName = wireName;
  }

  /** The protocol's name, such as {@code tool_bridge}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Decides for a provider.
   *
   * @param manifest the provider's manifest
   * @return the integration method
   */
  public static McpIntegration of(ProviderManifest manifest) {
    McpSpec mcp = manifest.mcp();
    if (mcp != null && mcp.clientSupported() && "tool_parameter".equals(mcp.configMethod())) {
      return NATIVE_API;
    }
    if ((mcp != null && mcp.clientSupported()) || CapabilityGuard.declares(manifest, AdvancedCapability.MCP)) {
      return TOOL_BRIDGE;
    }
    return NOT_SUPPORTED;
  }
}
