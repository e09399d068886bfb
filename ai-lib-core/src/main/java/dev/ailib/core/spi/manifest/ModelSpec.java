package dev.ailib.core.spi.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A model the manifest knows.
 *
 * <p>Build with {@link #builder()}: a field added in a later release changes the canonical constructor, not the
 * builder.
 *
 * @param id the id without provider prefix
 * @param contextWindow tokens of context, or null
 * @param maxOutputTokens largest output, or null
 * @param pricing the model's prices ({@code pricing}), or null when the manifest gives none
 * @param tokenizer the encoding of the model's tokenizer when it can be run locally (ai-lib's {@code tokenizer}
 *     field: {@code o200k_base}, {@code cl100k_base}), or null
 * @param capabilities capabilities of this model beyond the provider's, may be empty
 * @param samplingParameters the manifest's {@code sampling_parameters}: which of the sampling parameters
 *     ({@code temperature}, {@code top_p}, {@code top_k}, {@code frequency_penalty}, {@code presence_penalty},
 *     {@code repetition_penalty}, {@code stop}, {@code logprobs}, {@code top_logprobs}, {@code logit_bias}) this
 *     model accepts, by protocol name; null when the manifest does not say (every parameter it declares is accepted),
 *     empty when the model takes none (such as a reasoning model)
 * @param exclusiveParameters the manifest's {@code exclusive_parameters}: groups of parameters of which at most one
 *     may be sent to this model (such as {@code [temperature, top_p]}); may be empty
 * @param aliases other names a caller may write for this model (the manifest's {@code aliases}); a request that names
 *     an alias is sent with {@link #id()}, the provider's real model id. May be empty
 * @param apiFamily the API family that serves this model's chat calls (a key of
 *     {@link ProviderManifest#apiFamilies()}), or null for the manifest's own wire style
 */
public record ModelSpec(String id, Long contextWindow, Long maxOutputTokens, ModelPricing pricing, String tokenizer,
    Set<String> capabilities, Set<String> samplingParameters, List<List<String>> exclusiveParameters,
    Set<String> aliases, String apiFamily) {

  /** Checks and copies. */
  public ModelSpec {
    Objects.requireNonNull(id, "id");
    capabilities = Set.copyOf(capabilities == null ? Set.of() : capabilities);
    samplingParameters = samplingParameters == null ? null : Set.copyOf(samplingParameters);
    List<List<String>> groups = new ArrayList<>();
    for (List<String> g : exclusiveParameters == null ? List.<List<String>>of() : exclusiveParameters) {
      groups.add(List.copyOf(g));
    }
    exclusiveParameters = List.copyOf(groups);
    aliases = aliases == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(aliases));
  }

  /**
   * The base price per million input tokens.
   *
   * @return the price, or null when the manifest gives none
   */
  public Double inputPricePer1m() {
    return pricing == null || pricing.base().inputPer1m() == null ? null : pricing.base().inputPer1m().doubleValue();
  }

  /**
   * The base price per million output tokens.
   *
   * @return the price, or null when the manifest gives none
   */
  public Double outputPricePer1m() {
    return pricing == null || pricing.base().outputPer1m() == null ? null
        : pricing.base().outputPer1m().doubleValue();
  }

  /**
   * A builder with nothing set; {@code id} is required.
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
    return new Builder().id(id).contextWindow(contextWindow).maxOutputTokens(maxOutputTokens)
        .pricing(pricing).tokenizer(tokenizer).capabilities(capabilities)
        .samplingParameters(samplingParameters).exclusiveParameters(exclusiveParameters).aliases(aliases)
        .apiFamily(apiFamily);
  }

  /** Builds a {@link ModelSpec}. Not thread-safe. */
  public static final class Builder {
    private String id;
    private Long contextWindow;
    private Long maxOutputTokens;
    private ModelPricing pricing;
    private String tokenizer;
    private Set<String> capabilities;
    private Set<String> samplingParameters;
    private List<List<String>> exclusiveParameters;
    private Set<String> aliases;
    private String apiFamily;

    private Builder() {
    }

    /**
     * Sets {@link ModelSpec#id()} (required).
     *
     * @param id the id without provider prefix
     * @return this builder
     */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /**
     * Sets {@link ModelSpec#contextWindow()}.
     *
     * @param contextWindow tokens of context, or null
     * @return this builder
     */
    public Builder contextWindow(Long contextWindow) {
      this.contextWindow = contextWindow;
      return this;
    }

    /**
     * Sets {@link ModelSpec#maxOutputTokens()}.
     *
     * @param maxOutputTokens largest output, or null
     * @return this builder
     */
    public Builder maxOutputTokens(Long maxOutputTokens) {
      this.maxOutputTokens = maxOutputTokens;
      return this;
    }

    /**
     * Sets {@link ModelSpec#pricing()}.
     *
     * @param pricing the prices, or null
     * @return this builder
     */
    public Builder pricing(ModelPricing pricing) {
      this.pricing = pricing;
      return this;
    }

    /**
     * Sets the base input price, keeping the other prices (in US dollars unless {@link #pricing} names another
     * currency).
     *
     * @param inputPricePer1m price per million input tokens, or null
     * @return this builder
     */
    public Builder inputPricePer1m(Double inputPricePer1m) {
      return pricing(pricingBuilder().inputPer1m(decimal(inputPricePer1m)).build());
    }

    /**
     * Sets the base output price, keeping the other prices.
     *
     * @param outputPricePer1m price per million output tokens, or null
     * @return this builder
     */
    public Builder outputPricePer1m(Double outputPricePer1m) {
      return pricing(pricingBuilder().outputPer1m(decimal(outputPricePer1m)).build());
    }

    private ModelPricing.Builder pricingBuilder() {
      return pricing == null ? ModelPricing.builder() : pricing.toBuilder();
    }

    private static java.math.BigDecimal decimal(Double value) {
      return value == null ? null : java.math.BigDecimal.valueOf(value);
    }

    /**
     * Sets {@link ModelSpec#tokenizer()}.
     *
     * @param tokenizer an encoding name such as {@code o200k_base}, or null
     * @return this builder
     */
    public Builder tokenizer(String tokenizer) {
      this.tokenizer = tokenizer;
      return this;
    }

    /**
     * Sets {@link ModelSpec#capabilities()}.
     *
     * @param capabilities capabilities of this model beyond the provider's, may be empty
     * @return this builder
     */
    public Builder capabilities(Set<String> capabilities) {
      this.capabilities = capabilities;
      return this;
    }

    /**
     * Sets {@link ModelSpec#samplingParameters()}.
     *
     * @param samplingParameters the sampling parameters the model accepts, or null when not stated
     * @return this builder
     */
    public Builder samplingParameters(Set<String> samplingParameters) {
      this.samplingParameters = samplingParameters;
      return this;
    }

    /**
     * Sets {@link ModelSpec#exclusiveParameters()}.
     *
     * @param exclusiveParameters groups of parameters of which at most one may be sent, may be null
     * @return this builder
     */
    public Builder exclusiveParameters(List<List<String>> exclusiveParameters) {
      this.exclusiveParameters = exclusiveParameters;
      return this;
    }

    /**
     * Sets {@link ModelSpec#aliases()}.
     *
     * @param aliases other names callers may write for this model (sent as its id), may be null
     * @return this builder
     */
    public Builder aliases(Set<String> aliases) {
      this.aliases = aliases;
      return this;
    }

    /**
     * Sets {@link ModelSpec#apiFamily()}.
     *
     * @param apiFamily the API family serving the model, or null for the manifest's own
     * @return this builder
     */
    public Builder apiFamily(String apiFamily) {
      this.apiFamily = apiFamily;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the value
     * @throws RuntimeException when a required value is missing or a value is invalid
     */
    public ModelSpec build() {
      return new ModelSpec(id, contextWindow, maxOutputTokens, pricing, tokenizer, capabilities, samplingParameters,
          exclusiveParameters, aliases, apiFamily);
    }
  }
}
