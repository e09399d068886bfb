package dev.ailib.api;

/**
 * How a typed answer is asked for and checked. Start from {@link #DEFAULTS}; every {@code with} method returns a
 * changed copy.
 *
 * @param repairAttempts how many times an answer that is not valid JSON or does not match the schema is sent back
 *     to the model with what was wrong (0 turns repair off; default 1)
 * @param schemaName the schema's name, or null for one derived from the type (such as {@code Person})
 * @param description what the answer is, for the model, or null for the type's {@link Description}
 * @param mode the {@link StructuredOutputMode} to use, or null to let the provider's manifest decide
 */
public record StructuredOptions(int repairAttempts, String schemaName, String description,
    StructuredOutputMode mode) {

  /** One repair attempt, names and descriptions from the type, the manifest's mode. */
  public static final StructuredOptions DEFAULTS = new StructuredOptions(1, null, null, null);

  /**
   * Checks the repair count and the schema name.
   *
   * @throws IllegalArgumentException when the count is out of 0..5 or the name breaks the providers' rule (1 to 64
   *     letters, digits, {@code _} or {@code -})
   */
  public StructuredOptions {
    if (repairAttempts < 0 || repairAttempts > 5) {
      throw new IllegalArgumentException("repairAttempts must be 0..5, got " + repairAttempts);
    }
    if (schemaName != null) {
      OutputSchema.checkName(schemaName);
    }
  }

  /**
   * A copy with another number of repair attempts.
   *
   * @param attempts 0 to turn repair off
   * @return the copy
   */
  public StructuredOptions withRepairAttempts(int attempts) {
    return new StructuredOptions(attempts, schemaName, description, mode);
  }

  /**
   * A copy with a schema name.
   *
   * @param name letters, digits, {@code _} and {@code -}, at most 64
   * @return the copy
   */
  public StructuredOptions withSchemaName(String name) {
    return new StructuredOptions(repairAttempts, name, description, mode);
  }

  /**
   * A copy with a description of the answer.
   *
   * @param text what the answer is, for the model
   * @return the copy
   */
  public StructuredOptions withDescription(String text) {
    return new StructuredOptions(repairAttempts, schemaName, text, mode);
  }

  /**
   * A copy that asks for a mode instead of the manifest's choice. A mode the provider's manifest does not declare
   * ({@link StructuredOutputMode#JSON_SCHEMA}, {@link StructuredOutputMode#JSON_MODE}) or whose wire style has no
   * such mechanism fails before the request is sent.
   *
   * @param value the mode, or null for the manifest's choice
   * @return the copy
   */
  public StructuredOptions withMode(StructuredOutputMode value) {
    return new StructuredOptions(repairAttempts, schemaName, description, value);
  }
}
