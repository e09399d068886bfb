package dev.ailib.core.spi.manifest;

/**
 * The manifest's v2 {@code mcp} block: whether and how the provider reaches Model Context Protocol servers.
 *
 * <p>Build with {@link #builder()}: a field added in a later release changes the canonical constructor, not the
 * builder.
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

  /**
   * A builder with nothing set.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these values, to derive a changed copy.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder().clientSupported(clientSupported).configMethod(configMethod).apiEndpoint(apiEndpoint)
        .betaHeader(betaHeader).serverSupported(serverSupported);
  }

  /** Builds a {@link McpSpec}. Not thread-safe. */
  public static final class Builder {
    private boolean clientSupported;
    private String configMethod;
    private String apiEndpoint;
    private String betaHeader;
    private boolean serverSupported;

    private Builder() {
    }

    /**
     * Sets {@link McpSpec#clientSupported()}.
     *
     * @param clientSupported {@code mcp.client.supported}: the provider can act as an MCP client
     * @return this builder
     */
    public Builder clientSupported(boolean clientSupported) {
      this.clientSupported = clientSupported;
      return this;
    }

    /**
     * Sets {@link McpSpec#configMethod()}.
     *
     * @param configMethod {@code mcp.client.provider_mapping.config_method}: {@code tool_parameter} (MCP servers are
     *     passed in the request and the provider calls them) or {@code sdk_config} (the caller's SDK connects), or
     *     null
     * @return this builder
     */
    public Builder configMethod(String configMethod) {
      this.configMethod = configMethod;
      return this;
    }

    /**
     * Sets {@link McpSpec#apiEndpoint()}.
     *
     * @param apiEndpoint {@code mcp.client.provider_mapping.api_endpoint}, or null
     * @return this builder
     */
    public Builder apiEndpoint(String apiEndpoint) {
      this.apiEndpoint = apiEndpoint;
      return this;
    }

    /**
     * Sets {@link McpSpec#betaHeader()}.
     *
     * @param betaHeader {@code mcp.client.provider_mapping.beta_header}, or null
     * @return this builder
     */
    public Builder betaHeader(String betaHeader) {
      this.betaHeader = betaHeader;
      return this;
    }

    /**
     * Sets {@link McpSpec#serverSupported()}.
     *
     * @param serverSupported {@code mcp.server.supported}
     * @return this builder
     */
    public Builder serverSupported(boolean serverSupported) {
      this.serverSupported = serverSupported;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the value
     */
    public McpSpec build() {
      return new McpSpec(clientSupported, configMethod, apiEndpoint, betaHeader, serverSupported);
    }
  }
}
