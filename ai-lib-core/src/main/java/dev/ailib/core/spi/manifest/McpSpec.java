package dev.ailib.core.spi.manifest;

/**
 * The manifest's v2 {@code mcp} block: whether and how the provider reaches Model Context Protocol servers.
 *
 * @param clientSupported {@code mcp.client.supported}: the provider can act as an MCP client
 * @param configMethod {@code mcp.client.provider_mapping.config_method}: {@code tool_parameter} (MCP servers are
 *     passed in the request and the provider calls them) or {@code sdk_config} (the caller's SDK connects), or null
 * @param apiEndpoint {@code mcp.client.provider_mapping.api_endpoint}, or null
 * @param betaHeader {@code mcp.client.provider_mapping.beta_header}, or null
 * @param serverSupported {@code mcp.server.supported}
 */
public record McpSpec(boolean clientSupported, String configMethod, String apiEndpoint, String betaHeader,
    boolean serverSupported) {
}
