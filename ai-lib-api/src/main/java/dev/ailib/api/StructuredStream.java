package dev.ailib.api;

import java.util.Iterator;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A typed answer that grows while it streams ({@link ChatRequestBuilder#streamAs}). Iteration yields
 * {@link Partial} values as the JSON arrives: each is bound from what has arrived so far, with the fields not yet
 * received left empty ({@code null}, {@code Optional.empty()}, empty lists; primitives stay {@code 0} or
 * {@code false}: use boxed types to see absence) and strings filled as their characters arrive. Every partial is a
 * prefix-consistent view: a value shown once is kept by every later partial (a string only grows, a list only
 * gains items), and numbers, booleans and enum constants appear only once complete. The last element is the
 * complete answer, checked against the schema ({@link Partial#complete()} is true). An answer that is not valid
 * after the repair attempts, or a stream that fails, ends the iteration with the exception.
 *
 * <p>Use in try-with-resources: closing aborts the exchange. Iterate once; not thread-safe, but {@link #cancel()}
 * may be called from any thread.
 *
 * @param <T> the answer's type
 */
public interface StructuredStream<T> extends Iterable<StructuredStream.Partial<T>>, AutoCloseable {

  /**
   * The answer as far as it has arrived.
   *
   * @param value the value bound from the JSON received so far (the complete answer when {@code complete})
   * @param json the JSON that value was bound from: the received prefix, closed (strings, lists, objects)
   * @param complete whether this is the final, validated answer
   * @param <T> the answer's type
   */
  record Partial<T>(T value, String json, boolean complete) {
  }

  /** The partial values, then the complete one. May be called once. */
  @Override
  Iterator<Partial<T>> iterator();

  /** The partials as a sequential {@link Stream}; closing the stream closes this. */
  default Stream<Partial<T>> partials() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false)
        .onClose(this::close);
  }

  /**
   * Iterates to the end and returns the complete answer.
   *
   * @return the typed answer with its exchange
   */
  default StructuredResult<T> await() {
    Iterator<Partial<T>> it = iterator();
    while (it.hasNext()) {
      it.next();
    }
    return result().orElseThrow(() -> new IllegalStateException("the stream ended without a final value"));
  }

  /** The complete answer with its exchange, once the final value was delivered. */
  Optional<StructuredResult<T>> result();

  /** Aborts the exchange; iteration then ends with a cancelled error. Idempotent, any thread. */
  void cancel();

  /** Closes the exchange. Idempotent. */
  @Override
  void close();
}
