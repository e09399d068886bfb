package dev.ailib.core.spi.manifest;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One provider's manifest, v1 and v2 shapes normalised into one model.
 *
 * @param id the provider id, such as {@code openai}
 * @param protocolVersion the manifest's protocol version, such as {@code 2.0}
 * @param name a display name
 * @param source where the manifest came from (file path or bundled resource), for messages
 * @param wireStyle the request/response wire format the codec is chosen by
 * @param endpoint base URL and paths
 * @param auth how credentials are attached
 * @param parameters the parameters the provider accepts, by protocol name
 * @param capabilities declared capabilities and feature flags
 * @param streaming how streams are decoded and mapped to events, or null when streaming is not declared
 * @param errors how errors are classified
 * @param retry the provider's retry policy, or null
 * @param rateLimitHeaders the rate-limit header names, or null
 * @param termination the finish-reason mapping
 * @param models known models by id (without provider prefix)
 * @param mcp the v2 {@code mcp} block, or null when the manifest has none
 */
public record ProviderManifest(String id, String protocolVersion, String name, String source, WireStyle wireStyle,
    EndpointSpec endpoint, AuthSpec auth, Map<String, ParameterSpec> parameters, CapabilitiesSpec capabilities,
    StreamingSpec streaming, ErrorClassificationSpec errors, RetryPolicySpec retry, RateLimitHeadersSpec rateLimitHeaders,
    TerminationSpec termination, Map<String, ModelSpec> models, McpSpec mcp) {

  /** Checks and copies. */
  public ProviderManifest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(wireStyle, "wireStyle");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(auth, "auth");
    parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
    capabilities = capabilities == null ? CapabilitiesSpec.NONE : capabilities;
    errors = errors == null ? ErrorClassificationSpec.NONE : errors;
    termination = termination == null ? TerminationSpec.NONE : termination;
    models = Map.copyOf(models == null ? Map.of() : models);
  }

  /**
   * A manifest without an {@code mcp} block.
   *
   * @param id the provider id
   * @param protocolVersion the protocol version
   * @param name a display name
   * @param source where the manifest came from
   * @param wireStyle the wire format
   * @param endpoint base URL and paths
   * @param auth how credentials are attached
   * @param parameters accepted parameters
   * @param capabilities declared capabilities
   * @param streaming the streaming section, or null
   * @param errors error classification
   * @param retry the retry policy, or null
   * @param rateLimitHeaders rate-limit header names, or null
   * @param termination the finish-reason mapping
   * @param models known models
   */
  public ProviderManifest(String id, String protocolVersion, String name, String source, WireStyle wireStyle,
      EndpointSpec endpoint, AuthSpec auth, Map<String, ParameterSpec> parameters, CapabilitiesSpec capabilities,
      StreamingSpec streaming, ErrorClassificationSpec errors, RetryPolicySpec retry,
      RateLimitHeadersSpec rateLimitHeaders, TerminationSpec termination, Map<String, ModelSpec> models) {
    this(id, protocolVersion, name, source, wireStyle, endpoint, auth, parameters, capabilities, streaming, errors,
        retry, rateLimitHeaders, termination, models, null);
  }

  /**
   * A model's metadata.
   *
   * @param modelId the id without provider prefix
   * @return the metadata, when the manifest lists the model
   */
  public Optional<ModelSpec> model(String modelId) {
    return Optional.ofNullable(models.get(modelId));
  }
}
