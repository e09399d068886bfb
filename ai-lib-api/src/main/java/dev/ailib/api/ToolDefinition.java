package dev.ailib.api;

import dev.ailib.api.internal.Json;
import java.util.Map;
import java.util.Objects;

/**
 * A function the model may call.
 *
 * @param name the function name
 * @param description what it does, for the model
 * @param parametersSchema the JSON schema of its arguments, as JSON text
 */
public record ToolDefinition(String name, String description, String parametersSchema) {

  /** Checks the name and schema. */
  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("tool name is blank");
    }
    if (parametersSchema == null) {
      parametersSchema = "{\"type\":\"object\",\"properties\":{}}";
    }
    Object parsed;
    try {
      parsed = Json.parse(parametersSchema);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tool '" + name + "': parametersSchema is not valid JSON: " + e.getMessage(), e);
    }
    if (!(parsed instanceof Map)) {
      throw new IllegalArgumentException("tool '" + name + "': parametersSchema must be a JSON object");
    }
  }

  /**
   * A tool whose schema is given as a map of JSON values (maps, lists, strings, numbers, booleans).
   *
   * @param name the name
   * @param description the description
   * @param parametersSchema the schema
   * @return the tool
   */
  public static ToolDefinition of(String name, String description, Map<String, ?> parametersSchema) {
    return new ToolDefinition(name, description, Json.write(parametersSchema));
  }

  /** The schema parsed into maps and lists. */
  public Map<String, Object> parameters() {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) Json.parse(parametersSchema);
    return m;
  }
}
