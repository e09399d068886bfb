package dev.ailib.api.spi;

import java.lang.reflect.Type;
import java.util.ServiceLoader;

/**
 * Turns Java types into JSON schemas and JSON into Java values, for the parts of the API that work with types
 * ({@link dev.ailib.api.ToolDefinition#from(Class)}, {@link dev.ailib.api.ToolCall#argumentsAs(Class)},
 * {@link dev.ailib.api.Tools}). The API module has no JSON library; ai-lib-core provides the implementation, found
 * with {@link ServiceLoader}. Thread-safe.
 */
public interface JsonBinder {

  /**
   * The JSON schema of a type, as the model is given it: every property required (optional ones nullable),
   * {@code additionalProperties: false}, descriptions from {@link dev.ailib.api.Description}.
   *
   * @param type the type
   * @return the schema as JSON text
   * @throws IllegalArgumentException when no schema can be made for the type
   */
  String schema(Type type);

  /**
   * Checks JSON against the schema of a type, then binds it.
   *
   * @param json the JSON text
   * @param type the type
   * @return the value
   * @throws dev.ailib.api.error.StructuredOutputException naming the first problem and where it is, when the text
   *     is not JSON or does not match the schema
   */
  Object read(String json, Type type);

  /**
   * Writes a value as JSON text (records, collections, maps, strings, numbers, ...).
   *
   * @param value the value
   * @return the JSON text
   */
  String write(Object value);
}
