package dev.ailib.core.spi.manifest;

import java.util.Objects;

/**
 * A v2 provider contract ({@code v2/contracts/*.contract.yaml}, schema {@code schemas/v2/provider-contract.json}):
 * the parts of a provider's wire behaviour the runtime reads beside its manifest.
 *
 * @param contractVersion the contract schema version, {@code 1.0}
 * @param providerId the provider the contract describes
 * @param apiStyle {@code openai_compatible}, {@code anthropic_messages}, {@code gemini_generate} or {@code custom}
 * @param apiVersion the provider's API version string, or null
 * @param document how document blocks are mapped, or null when the contract does not say
 */
public record ProviderContract(String contractVersion, String providerId, String apiStyle, String apiVersion,
    DocumentMapping document) {

  /** Checks the required fields. */
  public ProviderContract {
    Objects.requireNonNull(contractVersion, "contractVersion");
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(apiStyle, "apiStyle");
  }
}
