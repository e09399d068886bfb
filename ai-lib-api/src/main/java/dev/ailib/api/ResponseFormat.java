package dev.ailib.api;

import java.util.Objects;

/**
 * The shape the answer must take.
 *
 * @param type text, any JSON object, or JSON matching a schema
 * @param schemaName the schema's name (for {@link Type#JSON_SCHEMA}), else null
 * @param schemaJson the JSON schema as JSON text (for {@link Type#JSON_SCHEMA}), else null
 */
public record ResponseFormat(Type type, String schemaName, String schemaJson) {

  /** The kinds of format. */
  public enum Type {
    /** Free text. */
    TEXT,
    /** Any JSON object. */
    JSON_OBJECT,
    /** JSON matching the schema. */
    JSON_SCHEMA
  }

  /** Checks the schema goes with {@link Type#JSON_SCHEMA}. */
  public ResponseFormat {
    Objects.requireNonNull(type, "type");
    if (type == Type.JSON_SCHEMA && (schemaName == null || schemaJson == null)) {
      throw new IllegalArgumentException("a JSON_SCHEMA response format needs schemaName and schemaJson");
    }
  }

  /** Any JSON object. */
  public static ResponseFormat jsonObject() {
    return new ResponseFormat(Type.JSON_OBJECT, null, null);
  }

  /**
   * JSON matching a schema.
   *
   * @param name the schema name
   * @param schemaJson the schema as JSON text
   * @return the format
   */
  public static ResponseFormat jsonSchema(String name, String schemaJson) {
    return new ResponseFormat(Type.JSON_SCHEMA, name, schemaJson);
  }
}
