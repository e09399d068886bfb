package dev.ailib.api;

import dev.ailib.api.error.StructuredOutputException;
import dev.ailib.api.internal.Binding;
import dev.ailib.api.internal.Checks;
import dev.ailib.api.internal.Json;
import java.util.Map;

/**
 * A call of a tool by the model.
 *
 * @param id the provider's call id, used to send the result back
 * @param name the tool name
 * @param argumentsJson the arguments as JSON text, exactly as the model produced them
 */
public record ToolCall(String id, String name, String argumentsJson) {

  /**
   * Checks the name; empty arguments become {@code {}}.
   *
   * @throws NullPointerException when the name is null
   */
  public ToolCall {
    Checks.notNull(name, "tool call name");
    if (argumentsJson == null || argumentsJson.isBlank()) {
      argumentsJson = "{}";
    }
  }

  /**
   * The arguments parsed into maps, lists, strings, numbers, booleans and nulls.
   *
   * @return the arguments
   * @throws StructuredOutputException when the model produced arguments that are not a JSON object (an answer that
   *     breaks the request's contract, as {@link #argumentsAs(Class)} reports it); the message names the call
   */
  public Map<String, Object> arguments() {
    Object parsed;
    try {
      parsed = Json.parse(argumentsJson);
    } catch (IllegalArgumentException e) {
      String problem = "arguments are not valid JSON: " + e.getMessage();
      throw new StructuredOutputException("tool call '" + name + "' (id " + id + "): " + problem, null, problem,
          null, argumentsJson, 0);
    }
    if (!(parsed instanceof Map)) {
      String problem = "arguments are not a JSON object";
      throw new StructuredOutputException("tool call '" + name + "' (id " + id + "): " + problem, "$", problem, null,
          argumentsJson, 0);
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
    Checks.notNull(type, "type");
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
    Checks.notNull(type, "type");
    return (T) Binding.binder().read(argumentsJson, type.type());
  }
}
