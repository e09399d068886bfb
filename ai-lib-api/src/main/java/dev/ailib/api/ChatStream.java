package dev.ailib.api;

import java.util.Iterator;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A streamed answer, pulled by iteration. Use in try-with-resources: closing (or breaking out of the
 * loop and closing) aborts the HTTP exchange at once. Iterate once; not thread-safe, but
 * {@link #cancel()} may be called from any thread. An error that ends the stream is delivered as a
 * {@link StreamingEvent.StreamError} event and then thrown from {@code next()} / {@code hasNext()}.
 */
public interface ChatStream extends Iterable<StreamingEvent>, AutoCloseable {

  /** The events, in order. May be called once. */
  @Override
  Iterator<StreamingEvent> iterator();

  /** The events as a sequential {@link Stream}; closing the stream closes this. */
  default Stream<StreamingEvent> events() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false)
        .onClose(this::close);
  }

  /** Aborts the exchange; iteration then ends with a cancelled error. Idempotent, any thread. */
  void cancel();

  /** The figures of the call, once the stream has ended. */
  Optional<CallStats> stats();

  /** Closes the exchange and frees its connection. Idempotent. */
  @Override
  void close();
}
