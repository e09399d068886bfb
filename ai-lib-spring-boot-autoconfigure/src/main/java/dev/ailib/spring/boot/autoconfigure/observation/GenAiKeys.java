package dev.ailib.spring.boot.autoconfigure.observation;

import java.util.Locale;
import java.util.Map;

/** The GenAI semantic conventions' key names this bridge writes, and their provider names. */
final class GenAiKeys {
  static final String OPERATION_NAME = "gen_ai.operation.name";
  static final String PROVIDER_NAME = "gen_ai.provider.name";
  static final String REQUEST_MODEL = "gen_ai.request.model";
  static final String RESPONSE_MODEL = "gen_ai.response.model";
  static final String RESPONSE_ID = "gen_ai.response.id";
  static final String FINISH_REASONS = "gen_ai.response.finish_reasons";
  static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
  static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
  static final String TOKEN_TYPE = "gen_ai.token.type";
  static final String SERVER_ADDRESS = "server.address";
  static final String SERVER_PORT = "server.port";
  static final String ERROR_TYPE = "error.type";
  static final String ERROR_CODE = "ailib.error.code";
  static final String STREAMING = "ailib.streaming";

  /**
   * AI-Protocol ids the conventions name differently. The same table as ai-lib-telemetry-otel's (that module is
   * optional here); ObservationTelemetryTest checks that both give the same names.
   */
  private static final Map<String, String> WELL_KNOWN = Map.of(
      "gemini", "gcp.gemini",
      "google", "gcp.gemini",
      "vertex", "gcp.vertex_ai",
      "mistral", "mistral_ai",
      "xai", "x_ai",
      "azure", "azure.ai.openai",
      "bedrock", "aws.bedrock",
      "watsonx", "ibm.watsonx.ai");

  private GenAiKeys() {
  }

  static String providerName(String providerId) {
    if (providerId == null || providerId.isEmpty()) {
      return "_OTHER";
    }
    String id = providerId.toLowerCase(Locale.ROOT);
    return WELL_KNOWN.getOrDefault(id, id);
  }
}
