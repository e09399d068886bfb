package dev.ailib.core.internal.response;

import java.util.UUID;

/**
 * Ids for tool calls whose wire format carries none (Gemini's {@code functionCall} parts, an OpenAI-compatible
 * answer without {@code id}): every call a caller receives has an id, so that {@code Message.tool(call.id(), ...)}
 * can answer it. The same form in both execution modes: {@code call_} and 24 hexadecimal digits of a random UUID.
 */
public final class ToolCallIds {
  private ToolCallIds() {
  }

  /**
   * A fresh id.
   *
   * @return such as {@code call_3f2a9c...}
   */
  public static String newId() {
    return "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
  }

  /**
   * The id the wire gave, else a fresh one.
   *
   * @param fromWire the provider's id, or null / blank
   * @return an id, never null
   */
  public static String orNew(String fromWire) {
    return fromWire == null || fromWire.isBlank() ? newId() : fromWire;
  }
}
