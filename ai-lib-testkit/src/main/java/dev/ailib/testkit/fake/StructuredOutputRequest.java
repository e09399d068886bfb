package dev.ailib.testkit.fake;

/**
 * How a recorded request asked for a structured (typed) answer, as the provider would see it.
 *
 * @param mechanism {@code json_schema} (the provider enforces the schema: OpenAI {@code response_format}
 *     {@code json_schema}, Gemini {@code generationConfig.responseJsonSchema} / {@code responseSchema}, Anthropic
 *     {@code output_config.format}), {@code tool_call} (a forced tool call whose input is the answer) or
 *     {@code json_mode} (OpenAI {@code response_format} {@code json_object}, Gemini {@code responseMimeType}
 *     {@code application/json} without a schema)
 * @param field where in the body the schema is, such as {@code response_format.json_schema.schema} or
 *     {@code tools[1].input_schema}; null for JSON mode
 * @param name the schema's name (the {@code json_schema} name or the forced tool's name), or null
 * @param schema the schema as parsed JSON ({@code Map}, {@code List}, ...), or null for JSON mode
 * @param strict whether the request asked for strict enforcement ({@code strict: true})
 */
public record StructuredOutputRequest(String mechanism, String field, String name, Object schema, boolean strict) {

  /**
   * A value of the schema at a path such as {@code properties.address.type} (see {@link RecordedRequest#jsonAt}).
   *
   * @param path the path
   * @return the value, or null
   */
  public Object schemaAt(String path) {
    return schema == null ? null : Json.at(schema, path);
  }
}
