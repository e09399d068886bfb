package dev.ailib.core.spi.manifest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One provider's manifest, v1 and v2 shapes normalised into one model.
 *
 * <p>Build with {@link #builder()}: the canonical constructor gains a parameter whenever the model gains a field,
 * the builder does not. Protocol sources produce manifests; the engine reads them through the accessors.
 *
 * <pre>{@code
 * ProviderManifest m = ProviderManifest.builder()
 *     .id("acme").protocolVersion("2.0").source("db:acme").wireStyle(WireStyle.OPENAI_CHAT)
 *     .endpoint(EndpointSpec.builder().baseUrl("https://api.acme.test/v1").chatPath("/chat/completions").build())
 *     .auth(AuthSpec.builder().type(AuthSpec.Type.BEARER).tokenEnvVars(List.of("ACME_API_KEY")).build())
 *     .build();
 * }</pre>
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
 * @param apiFamily the name of the API family these sections describe (such as {@code chat_completions} or
 *     {@code responses}), or null when the manifest does not name it
 * @param apiFamilies the provider's other API families by name: each a complete manifest of the same provider (same
 *     id, base URL, auth, errors, retry policy, capabilities and models) whose wire style, chat path, parameters,
 *     streaming section and finish-reason mapping are its own; a model whose {@link ModelSpec#apiFamily()} names
 *     one is served by it (see {@link #forModel(String)}); empty for most providers and for the families themselves
 * @param wireStyleField the manifest field that declared the wire style (such as {@code endpoints.chat.adapter}), or
 *     null when it was inferred from the manifest's shape or set in code; messages about an unsupported style name it
 * @param wireStyleValue the value found in that field (such as {@code ai21_chat}), or null
 */
public record ProviderManifest(String id, String protocolVersion, String name, String source, WireStyle wireStyle,
    EndpointSpec endpoint, AuthSpec auth, Map<String, ParameterSpec> parameters, CapabilitiesSpec capabilities,
    StreamingSpec streaming, ErrorClassificationSpec errors, RetryPolicySpec retry, RateLimitHeadersSpec rateLimitHeaders,
    TerminationSpec termination, Map<String, ModelSpec> models, McpSpec mcp, String apiFamily,
    Map<String, ProviderManifest> apiFamilies, String wireStyleField, String wireStyleValue) {

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
    apiFamilies = Map.copyOf(apiFamilies == null ? Map.of() : apiFamilies);
    for (Map.Entry<String, ProviderManifest> e : apiFamilies.entrySet()) {
      ProviderManifest f = e.getValue();
      if (!e.getKey().equals(f.apiFamily()) || !id.equals(f.id()) || !f.apiFamilies().isEmpty()) {
        throw new IllegalArgumentException("provider '" + id + "': API family '" + e.getKey() + "' must be a manifest "
            + "of the same provider whose apiFamily is '" + e.getKey() + "' and which declares no families itself "
            + "(found id '" + f.id() + "', apiFamily '" + f.apiFamily() + "', " + f.apiFamilies().size()
            + " families)");
      }
    }
    if (!apiFamilies.isEmpty() || apiFamily == null) {
      for (ModelSpec m : models.values()) {
        String family = m.apiFamily();
        if (family != null && !family.equals(apiFamily) && !apiFamilies.containsKey(family)) {
          throw new IllegalArgumentException("provider '" + id + "': model '" + m.id() + "' names API family '"
              + family + "', which the manifest does not declare (declared: "
              + (apiFamily == null ? "" : apiFamily + " (the manifest's own), ") + apiFamilies.keySet() + ")");
        }
      }
    }
  }

  /**
   * The manifest that serves a model's chat calls: the API family the model names ({@link ModelSpec#apiFamily()}),
   * else this manifest (for a model it does not list, too). Call it on the manifest a protocol source returned.
   *
   * @param modelId the id without provider prefix
   * @return this manifest or one of its {@link #apiFamilies()}
   */
  public ProviderManifest forModel(String modelId) {
    ModelSpec m = models.get(modelId);
    if (m == null || m.apiFamily() == null || m.apiFamily().equals(apiFamily)) {
      return this;
    }
    ProviderManifest family = apiFamilies.get(m.apiFamily());
    return family == null ? this : family;
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

  /**
   * A builder with nothing set; {@code id}, {@code wireStyle}, {@code endpoint} and {@code auth} are required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this manifest's values, to derive a changed copy.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder().id(id).protocolVersion(protocolVersion).name(name).source(source).wireStyle(wireStyle)
        .endpoint(endpoint).auth(auth).parameters(parameters).capabilities(capabilities).streaming(streaming)
        .errors(errors).retry(retry).rateLimitHeaders(rateLimitHeaders).termination(termination).models(models)
        .mcp(mcp).apiFamily(apiFamily).apiFamilies(apiFamilies).wireStyleField(wireStyleField)
        .wireStyleValue(wireStyleValue);
  }

  /** Builds a {@link ProviderManifest}. Not thread-safe. */
  public static final class Builder {
    private String id;
    private String protocolVersion;
    private String name;
    private String source;
    private WireStyle wireStyle;
    private EndpointSpec endpoint;
    private AuthSpec auth;
    private final Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
    private CapabilitiesSpec capabilities;
    private StreamingSpec streaming;
    private ErrorClassificationSpec errors;
    private RetryPolicySpec retry;
    private RateLimitHeadersSpec rateLimitHeaders;
    private TerminationSpec termination;
    private final Map<String, ModelSpec> models = new LinkedHashMap<>();
    private McpSpec mcp;
    private String apiFamily;
    private final Map<String, ProviderManifest> apiFamilies = new LinkedHashMap<>();
    private String wireStyleField;
    private String wireStyleValue;

    private Builder() {
    }

    /**
     * Sets the provider id (required).
     *
     * @param id such as {@code openai}
     * @return this builder
     */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /**
     * Sets the protocol version.
     *
     * @param protocolVersion such as {@code 2.0}
     * @return this builder
     */
    public Builder protocolVersion(String protocolVersion) {
      this.protocolVersion = protocolVersion;
      return this;
    }

    /**
     * Sets the display name.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets where the manifest came from, used in messages.
     *
     * @param source a file path or resource name
     * @return this builder
     */
    public Builder source(String source) {
      this.source = source;
      return this;
    }

    /**
     * Sets the wire format (required).
     *
     * @param wireStyle the format codecs are chosen by
     * @return this builder
     */
    public Builder wireStyle(WireStyle wireStyle) {
      this.wireStyle = wireStyle;
      return this;
    }

    /**
     * Sets the endpoint (required).
     *
     * @param endpoint base URL and paths
     * @return this builder
     */
    public Builder endpoint(EndpointSpec endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /**
     * Sets how credentials are attached (required).
     *
     * @param auth the auth settings
     * @return this builder
     */
    public Builder auth(AuthSpec auth) {
      this.auth = auth;
      return this;
    }

    /**
     * Replaces the parameters.
     *
     * @param parameters by protocol name, or null for none
     * @return this builder
     */
    public Builder parameters(Map<String, ParameterSpec> parameters) {
      this.parameters.clear();
      if (parameters != null) {
        this.parameters.putAll(parameters);
      }
      return this;
    }

    /**
     * Adds (or replaces) one parameter, keyed by its protocol name.
     *
     * @param parameter the parameter
     * @return this builder
     */
    public Builder parameter(ParameterSpec parameter) {
      this.parameters.put(parameter.name(), parameter);
      return this;
    }

    /**
     * Sets the capabilities.
     *
     * @param capabilities the capabilities, or null for none
     * @return this builder
     */
    public Builder capabilities(CapabilitiesSpec capabilities) {
      this.capabilities = capabilities;
      return this;
    }

    /**
     * Sets the streaming section.
     *
     * @param streaming the section, or null when the provider declares no streaming
     * @return this builder
     */
    public Builder streaming(StreamingSpec streaming) {
      this.streaming = streaming;
      return this;
    }

    /**
     * Sets the error classification.
     *
     * @param errors the classification, or null for the standard one
     * @return this builder
     */
    public Builder errors(ErrorClassificationSpec errors) {
      this.errors = errors;
      return this;
    }

    /**
     * Sets the retry policy.
     *
     * @param retry the policy, or null
     * @return this builder
     */
    public Builder retry(RetryPolicySpec retry) {
      this.retry = retry;
      return this;
    }

    /**
     * Sets the rate-limit header names.
     *
     * @param rateLimitHeaders the names, or null
     * @return this builder
     */
    public Builder rateLimitHeaders(RateLimitHeadersSpec rateLimitHeaders) {
      this.rateLimitHeaders = rateLimitHeaders;
      return this;
    }

    /**
     * Sets the finish-reason mapping.
     *
     * @param termination the mapping, or null for the standard one
     * @return this builder
     */
    public Builder termination(TerminationSpec termination) {
      this.termination = termination;
      return this;
    }

    /**
     * Replaces the known models.
     *
     * @param models by id without provider prefix, or null for none
     * @return this builder
     */
    public Builder models(Map<String, ModelSpec> models) {
      this.models.clear();
      if (models != null) {
        this.models.putAll(models);
      }
      return this;
    }

    /**
     * Adds (or replaces) one model, keyed by its id.
     *
     * @param model the model
     * @return this builder
     */
    public Builder model(ModelSpec model) {
      this.models.put(model.id(), model);
      return this;
    }

    /**
     * Sets the v2 {@code mcp} block.
     *
     * @param mcp the block, or null
     * @return this builder
     */
    public Builder mcp(McpSpec mcp) {
      this.mcp = mcp;
      return this;
    }

    /**
     * Names the API family these sections describe.
     *
     * @param apiFamily such as {@code chat_completions}, or null
     * @return this builder
     */
    public Builder apiFamily(String apiFamily) {
      this.apiFamily = apiFamily;
      return this;
    }

    /**
     * Sets the manifest field that declared the wire style, for messages about a style without a codec.
     *
     * @param wireStyleField such as {@code payload_format}, or null when inferred or set in code
     * @return this builder
     */
    public Builder wireStyleField(String wireStyleField) {
      this.wireStyleField = wireStyleField;
      return this;
    }

    /**
     * Replaces the other API families.
     *
     * @param apiFamilies by name, each a manifest whose {@code apiFamily} is that name; or null for none
     * @return this builder
     */
    public Builder apiFamilies(Map<String, ProviderManifest> apiFamilies) {
      this.apiFamilies.clear();
      if (apiFamilies != null) {
        this.apiFamilies.putAll(apiFamilies);
      }
      return this;
    }

    /**
     * Adds (or replaces) one other API family, keyed by its {@code apiFamily}.
     *
     * @param family a manifest of the same provider that names its family
     * @return this builder
     */
    public Builder addApiFamily(ProviderManifest family) {
      Objects.requireNonNull(family.apiFamily(), "the family's apiFamily");
      this.apiFamilies.put(family.apiFamily(), family);
      return this;
    }

    /**
     * Sets the value found in {@link ProviderManifest#wireStyleField()}.
     *
     * @param wireStyleValue such as {@code baidu_style}, or null
     * @return this builder
     */
    public Builder wireStyleValue(String wireStyleValue) {
      this.wireStyleValue = wireStyleValue;
      return this;
    }

    /**
     * Builds the manifest.
     *
     * @return the manifest
     * @throws NullPointerException when id, wire style, endpoint or auth is missing
     * @throws IllegalArgumentException when a model names an API family the manifest does not declare, or a family
     *     is not a manifest of the same provider
     */
    public ProviderManifest build() {
      return new ProviderManifest(id, protocolVersion, name, source, wireStyle, endpoint, auth, parameters,
          capabilities, streaming, errors, retry, rateLimitHeaders, termination, models, mcp, apiFamily, apiFamilies,
          wireStyleField, wireStyleValue);
    }
  }
}
