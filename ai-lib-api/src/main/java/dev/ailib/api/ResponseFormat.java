package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import dev.ailib.api.internal.Json;

/**
 * The shape the answer must take.
 *
 * @param type text, any JSON object, or JSON matching a schema
 * @param schemaName the schema's name (for {@link Type#JSON_SCHEMA}), else null
 * @param schemaJson the JSON schema as JSON text (for {@link Type#JSON_SCHEMA}), else null
 * @param strict for {@link Type#JSON_SCHEMA}: ask the provider to enforce the schema exactly (OpenAI-style
 *     {@code strict: true}; the schema must then keep to the provider's strict subset: every property required,
 *     {@code additionalProperties: false})
 */
public record ResponseFormat(Type type, String schemaName, String schemaJson, boolean strict) {

  /** The kinds of format. */
  public enum Type {
    /** Free text. */
    TEXT,
    /** Any JSON object. */
    JSON_OBJECT,
    /** JSON matching the schema. */
    JSON_SCHEMA
  }

  /**
   * Checks the schema goes with {@link Type#JSON_SCHEMA} and is a JSON object.
   *
   * @throws NullPointerException when the type is null
   * @throws IllegalArgumentException when a JSON_SCHEMA format has no name or schema, or its schema is not a JSON
   *     object (the message names the schema and where the text breaks)
   */
  public ResponseFormat {
    Checks.notNull(type, "type");
    if (type == Type.JSON_SCHEMA && (schemaName == null || schemaJson == null)) {
      throw new IllegalArgumentException("a JSON_SCHEMA response format needs schemaName and schemaJson");
    }
    if (schemaJson != null) {
      Object parsed;
      try {
        parsed = Json.parse(schemaJson);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("response format schema '" + schemaName + "' is not valid JSON: "
            + e.getMessage());
      }
      if (!(parsed instanceof java.util.Map)) {
        throw new IllegalArgumentException("response format schema '" + schemaName + "' must be a JSON object");
      }
    }
    if (strict && type != Type.JSON_SCHEMA) {
      throw new IllegalArgumentException("strict applies to JSON_SCHEMA response formats only");
    }
  }

  /**
   * A format that is not strict.
   *
   * @param type text, any JSON object, or JSON matching a schema
   * @param schemaName the schema's name (for {@link Type#JSON_SCHEMA}), else null
   * @param schemaJson the JSON schema as JSON text (for {@link Type#JSON_SCHEMA}), else null
   */
  public ResponseFormat(Type type, String schemaName, String schemaJson) {
    this(type, schemaName, schemaJson, false);
  }

  /** Any JSON object. */
  public static ResponseFormat jsonObject() {
    return new ResponseFormat(Type.JSON_OBJECT, null, null);
  }

  /**
   * JSON matching a schema, which the provider treats as guidance.
   *
   * @param name the schema name
   * @param schemaJson the schema as JSON text
   * @return the format
   */
  public static ResponseFormat jsonSchema(String name, String schemaJson) {
    return new ResponseFormat(Type.JSON_SCHEMA, name, schemaJson);
  }

  /**
   * JSON matching a schema, which the provider enforces ({@code strict}). For a Java type, prefer
   * {@link ChatRequestBuilder#executeAs(Class)}, which generates the schema, picks the provider's mechanism and
   * binds the answer.
   *
   * @param name the schema name
   * @param schemaJson the schema as JSON text, within the provider's strict subset
   * @return the format
   */
  public static ResponseFormat strictJsonSchema(String name, String schemaJson) {
    return new ResponseFormat(Type.JSON_SCHEMA, name, schemaJson, true);
  }
}
