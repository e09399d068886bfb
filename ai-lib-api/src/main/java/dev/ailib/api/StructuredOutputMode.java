package dev.ailib.api;

/**
 * How a typed answer was asked for. The provider's manifest decides which one a call uses (its wire style and
 * what its {@code capabilities} declare); {@link StructuredOptions#mode()} may ask for one explicitly. The mode a
 * call used is in {@link CallStats#structuredOutput()}.
 */
public enum StructuredOutputMode {
  /**
   * The provider enforces the JSON schema itself: OpenAI-style {@code response_format} {@code json_schema} with
   * {@code strict: true}, Gemini {@code responseMimeType} with {@code responseJsonSchema} (or
   * {@code responseSchema}), Anthropic {@code output_config.format}.
   */
  JSON_SCHEMA,
  /** A forced call of a tool whose input schema is the answer's schema; the call's input is the answer. */
  TOOL_CALL,
  /** The provider's JSON mode (valid JSON, no schema) plus the schema in a system message. */
  JSON_MODE,
  /** The schema in a system message only. */
  PROMPT
}
