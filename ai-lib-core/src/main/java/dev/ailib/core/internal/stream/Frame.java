package dev.ailib.core.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One decoded frame: the parsed JSON payload plus the SSE fields that came with it.
 *
 * @param json the payload
 * @param event the SSE {@code event:} name, or null
 * @param id the SSE {@code id:}, or null
 * @param retryMillis the SSE {@code retry:} value, or -1
 */
public record Frame(JsonNode json, String event, String id, long retryMillis) {

  /** Checks the payload is present. */
  public Frame {
    Objects.requireNonNull(json, "json");
  }

  /**
   * A frame with only a payload.
   *
   * @param json the payload
   * @return the frame
   */
  public static Frame of(JsonNode json) {
    return new Frame(json, null, null, -1);
  }
}
