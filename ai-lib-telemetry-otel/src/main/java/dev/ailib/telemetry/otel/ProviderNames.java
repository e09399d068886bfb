package dev.ailib.telemetry.otel;

import java.util.Locale;
import java.util.Map;

/**
 * Maps an AI-Protocol provider id to the GenAI conventions' {@code gen_ai.provider.name} where the conventions name
 * that provider differently; any other id is used as it is (lower case).
 */
final class ProviderNames {
  private static final Map<String, String> WELL_KNOWN = Map.of(
      "gemini", "gcp.gemini",
      "google", "gcp.gemini",
      "vertex", "gcp.vertex_ai",
      "mistral", "mistral_ai",
      "xai", "x_ai",
      "azure", "azure.ai.openai",
      "bedrock", "aws.bedrock",
      "watsonx", "ibm.watsonx.ai");

  private ProviderNames() {
  }

  static String of(String providerId) {
    if (providerId == null || providerId.isEmpty()) {
      return "_OTHER";
    }
    String id = providerId.toLowerCase(Locale.ROOT);
    return WELL_KNOWN.getOrDefault(id, id);
  }
}
