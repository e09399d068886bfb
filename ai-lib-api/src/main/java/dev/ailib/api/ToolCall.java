package dev.ailib.api;

import dev.ailib.api.internal.Json;
import java.util.Map;
import java.util.Objects;

/**
 * A call of a tool by the model.
 *
 * @param id the provider's call id, used to send the result back
 * @param name the tool name
 * @param argumentsJson the arguments as JSON text, exactly as the model produced them
 */
public record ToolCall(String id, String name, String argumentsJson) {

  /** Checks the name; empty arguments become {@code {}}. */
  public ToolCall {
    Objects.requireNonNull(name, "name");
    if (argumentsJson == null || argumentsJson.isBlank()) {
      argumentsJson = "{}";
    }
  }

  /**
   * The arguments parsed into maps, lists, strings, numbers, booleans and nulls.
   *
   * @return the arguments
   * @throws IllegalStateException when the model produced arguments that are not a JSON object
   */
  public Map<String, Object> arguments() {
    Object parsed;
    try {
      parsed = Json.parse(argumentsJson);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("tool call '" + name + "' (id " + id + "): arguments are not valid JSON: "
          + e.getMessage(), e);
    }
    if (!(parsed instanceof Map)) {
      throw new IllegalStateException("tool call '" + name + "' (id " + id + "): arguments are not a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) parsed;
    return m;
  }
}
