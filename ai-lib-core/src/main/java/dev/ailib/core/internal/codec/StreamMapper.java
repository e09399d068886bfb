package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.StreamingEvent;
import java.util.List;

/**
 * Maps the JSON frames of one stream to events, keeping the stream's own tool-call state. One per stream; not
 * thread-safe. The wire format's built-in mapping, used until (and where) the manifest-driven pipeline is absent.
 */
public interface StreamMapper {

  /**
   * The events of one frame, in order (several per frame when the frame carries several things).
   *
   * @param frame the frame
   * @return the events, maybe empty
   */
  List<StreamingEvent> map(JsonNode frame);

  /**
   * Whether a frame's raw data is the end-of-stream marker (such as {@code [DONE]}).
   *
   * @param data the raw data
   * @return true for the marker
   */
  default boolean isDone(String data) {
    return "[DONE]".equals(data.trim());
  }
}
