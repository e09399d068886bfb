package dev.ailib.core.internal.stream;

import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Pulls events from a response body through a {@link StreamSession}: reads only when the caller asks for an event
 * and none is queued. The last event is the session's StreamEnd or StreamError; an I/O error becomes a
 * StreamError. Reading stops at the done signal without waiting for the connection to close. {@link #close()}
 * closes the body (which aborts the exchange). Not thread-safe.
 */
public final class EventIterator implements Iterator<StreamingEvent>, AutoCloseable {
  private final StreamSession session;
  private final InputStream body;
  private final byte[] buffer = new byte[8192];
  private final ArrayDeque<StreamingEvent> queue = new ArrayDeque<>();
  private final Consumer<StreamingEvent> enqueue = queue::add;
  private boolean closed;

  EventIterator(StreamSession session, InputStream body) {
    this.session = session;
    this.body = body;
  }

  @Override
  public boolean hasNext() {
    while (queue.isEmpty()) {
      if (session.isTerminated() || closed) {
        return false;
      }
      if (session.inputDone()) {
        session.finish(enqueue);
        continue;
      }
      int n;
      try {
        n = body.read(buffer);
      } catch (IOException e) {
        session.fail(new TransportException(TransportException.Kind.IO, "reading the stream failed after "
            + session.frameCount() + " frame(s): " + e.getMessage(), e), enqueue);
        continue;
      }
      if (n < 0) {
        session.finish(enqueue);
      } else if (n > 0) {
        session.onBytes(buffer, 0, n, enqueue);
      }
    }
    return true;
  }

  @Override
  public StreamingEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the stream has ended");
    }
    return queue.poll();
  }

  /** Closes the body; events not yet read are dropped. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.clear();
    try {
      body.close();
    } catch (IOException e) {
      // closing is best effort: the exchange is being abandoned anyway
    }
  }
}
