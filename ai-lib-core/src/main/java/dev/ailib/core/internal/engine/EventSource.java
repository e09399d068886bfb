package dev.ailib.core.internal.engine;

import dev.ailib.api.StreamingEvent;
import java.io.IOException;

/** The events of one streaming response body, pulled one at a time. Not thread-safe; {@link #close()} is. */
interface EventSource extends AutoCloseable {

  /**
   * The next event, blocking until it is decoded.
   *
   * @return the event, or null when the body ended
   * @throws IOException when reading the body fails
   */
  StreamingEvent next() throws IOException;

  /** Stops reading and closes the body. Idempotent, any thread. */
  @Override
  void close();
}
