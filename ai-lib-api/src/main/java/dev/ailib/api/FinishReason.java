package dev.ailib.api;

import java.util.Locale;
import java.util.Optional;

/**
 * Why the model stopped, in the protocol's one vocabulary (v1/spec.yaml termination_reasons).
 * Providers' own values are mapped by their manifest; the raw value is kept beside this one.
 */
public enum FinishReason {
  /** The model finished its turn. */
  END_TURN("end_turn"),
  /** The output token limit was reached. */
  MAX_TOKENS("max_tokens"),
  /** A stop sequence was produced. */
  STOP_SEQUENCE("stop_sequence"),
  /** The model wants tool results. */
  TOOL_USE("tool_use"),
  /** The model or a filter refused. */
  REFUSAL("refusal"),
  /** A long-running turn paused and may be continued. */
  PAUSE_TURN("pause_turn"),
  /** Anything else. */
  OTHER("other");

  private final String wireName;

  FinishReason(String wireName) {
    this.wireName = wireName;
  }

  /** The protocol's name, such as {@code end_turn}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Finds a reason by its protocol name.
   *
   * @param name such as {@code tool_use}
   * @return the reason, or empty when the name is not a standard reason
   */
  public static Optional<FinishReason> fromWireName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.toLowerCase(Locale.ROOT);
    for (FinishReason r : values()) {
      if (r.wireName.equals(n)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
