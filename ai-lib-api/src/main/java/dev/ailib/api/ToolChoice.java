package dev.ailib.api;

import dev.ailib.api.internal.Checks;

/**
 * How the model may use the tools.
 *
 * @param mode the mode
 * @param toolName the tool to call when the mode is {@link Mode#TOOL}, else null
 */
public record ToolChoice(Mode mode, String toolName) {

  /** The modes. */
  public enum Mode {
    /** The model decides. */
    AUTO,
    /** No tool calls. */
    NONE,
    /** At least one tool call. */
    REQUIRED,
    /** Call the named tool. */
    TOOL
  }

  /** Checks the tool name goes with {@link Mode#TOOL}. */
  public ToolChoice {
    Checks.notNull(mode, "mode");
    if ((mode == Mode.TOOL) != (toolName != null)) {
      throw new IllegalArgumentException("toolName is required with mode TOOL and only with it");
    }
  }

  /** The model decides. */
  public static ToolChoice auto() {
    return new ToolChoice(Mode.AUTO, null);
  }

  /** No tool calls. */
  public static ToolChoice none() {
    return new ToolChoice(Mode.NONE, null);
  }

  /** At least one tool call. */
  public static ToolChoice required() {
    return new ToolChoice(Mode.REQUIRED, null);
  }

  /**
   * Call this tool.
   *
   * @param name the tool name
   * @return the choice
   */
  public static ToolChoice tool(String name) {
    return new ToolChoice(Mode.TOOL, name);
  }
}
