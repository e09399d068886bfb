package dev.ailib.api;

/** Who wrote a message. */
public enum Role {
  /** Instructions for the model. */
  SYSTEM,
  /** The end user. */
  USER,
  /** The model. */
  ASSISTANT,
  /** The result of a tool the model asked for. */
  TOOL
}
