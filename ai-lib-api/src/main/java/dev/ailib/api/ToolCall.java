package dev.ailib.api;

import dev.ailib.api.internal.Binding;
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

  /**
   * The arguments checked against the schema of a Java type and bound to it (the type of
   * {@link ToolDefinition#from(Class)}).
   *
   * @param type the arguments' type
   * @param <T> the type
   * @return the arguments
   * @throws dev.ailib.api.error.StructuredOutputException when the arguments are not JSON or do not match the
   *     type's schema; the message names the field and what was wrong (send it back to the model as a tool error)
   */
  public <T> T argumentsAs(Class<T> type) {
    return type.cast(Binding.binder().read(argumentsJson, type));
  }

  /**
   * The arguments checked against the schema of a generic type and bound to it.
   *
   * @param type the arguments' type
   * @param <T> the type
   * @return the arguments
   * @throws dev.ailib.api.error.StructuredOutputException when the arguments are not JSON or do not match the
   *     type's schema
   */
  @SuppressWarnings("unchecked")
  public <T> T argumentsAs(TypeRef<T> type) {
    return (T) Binding.binder().read(argumentsJson, type.type());
  }
}
