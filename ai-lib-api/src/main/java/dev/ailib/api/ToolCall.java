package dev.ailib.api;

import dev.ailib.api.error.StructuredOutputException;
import dev.ailib.api.internal.Binding;
import dev.ailib.api.internal.Checks;
import dev.ailib.api.internal.Json;
import java.util.Map;

/**
 * A call of a tool by the model.
 *
 * <p>Some providers attach opaque data to a call that must travel back with it when the conversation continues:
 * Gemini's thought signature (the model's encrypted reasoning state; Gemini 3 answers HTTP 400 when a function call
 * of the current turn comes back without it). That data is the {@link #signature()}: the library reads it from
 * the answer (whole or streamed), keeps it on the call through {@link ChatResponse#message()}, the tool runner and
 * every copy, and writes it back, exactly as received, in the request format it came from. It is never parsed,
 * never shown ({@link #toString()} gives only its length) and not meant to be made up: a call built by hand has
 * none.
 *
 * @param id the provider's call id, used to send the result back
 * @param name the tool name
 * @param argumentsJson the arguments as JSON text, exactly as the model produced them
 * @param signature the provider's opaque data for this call, to be sent back with it (Gemini's
 *     {@code thoughtSignature}), or null when the provider gave none
 */
public record ToolCall(String id, String name, String argumentsJson, String signature) {

  /**
   * Checks the name; empty arguments become {@code {}}; an empty signature is none.
   *
   * @throws NullPointerException when the name is null
   */
  public ToolCall {
    Checks.notNull(name, "tool call name");
    if (argumentsJson == null || argumentsJson.isBlank()) {
      argumentsJson = "{}";
    }
    if (signature != null && signature.isEmpty()) {
      signature = null;
    }
  }

  /**
   * A call without a signature (every call a provider made without one, and every call built by hand).
   *
   * @param id the provider's call id
   * @param name the tool name
   * @param argumentsJson the arguments as JSON text
   * @throws NullPointerException when the name is null
   */
  public ToolCall(String id, String name, String argumentsJson) {
    this(id, name, argumentsJson, null);
  }

  /**
   * This call under another id, with its name, arguments and signature.
   *
   * @param newId the id
   * @return the call
   */
  public ToolCall withId(String newId) {
    return new ToolCall(newId, name, argumentsJson, signature);
  }

  /**
   * The id, name and arguments; of the signature only its length (it is opaque and can be kilobytes long).
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "ToolCall[id=" + id + ", name=" + name + ", argumentsJson=" + argumentsJson
        + (signature == null ? "" : ", signature=(" + signature.length() + " chars)") + "]";
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
