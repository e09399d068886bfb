package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import java.util.regex.Pattern;

/**
 * The schema a typed answer must match, as carried by a {@link ChatRequest}. Set by
 * {@link ChatRequestBuilder#executeAs} and {@link ChatRequestBuilder#streamAs}, which generate it from a Java type;
 * the engine then asks each provider for the answer the way its manifest says ({@link StructuredOutputMode}).
 * A request with an output schema is meant to be read by those methods: with {@link StructuredOutputMode#TOOL_CALL}
 * the answer arrives as a call of the tool named {@link #name()}.
 *
 * @param name the schema's name (letters, digits, {@code _} and {@code -}, at most 64): the {@code json_schema}
 *     name or the forced tool's name
 * @param description what the answer is, for the model, or null
 * @param schemaJson the JSON schema, as JSON text; its root is an object
 * @param mode the mode asked for, or null to let the manifest decide
 */
public record OutputSchema(String name, String description, String schemaJson, StructuredOutputMode mode) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /**
   * Checks the name and that a schema is given.
   *
   * @throws NullPointerException when the name or the schema is null
   * @throws IllegalArgumentException when the name breaks the providers' rule
   */
  public OutputSchema {
    checkName(Checks.notNull(name, "output schema name"));
    Checks.notNull(schemaJson, "schemaJson");
  }

  /** Checks a schema name against the providers' rule (also for {@link StructuredOptions#withSchemaName}). */
  static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("output schema name '" + name + "' must be 1 to 64 letters, digits, '_' or "
          + "'-' (the providers' rule for schema and tool names)");
    }
    return name;
  }
}
