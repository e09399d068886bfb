package dev.ailib.benchmarks;

import java.util.function.Consumer;

/**
 * One client under test, talking to the loopback server: ai-lib, the raw baseline, or a peer library.
 * Implementations do exactly the same request each time and hand every text piece to the sink.
 */
interface Contender extends AutoCloseable {
  /** The user prompt every contender sends. */
  String PROMPT = "Write a long answer for a throughput benchmark.";

  /** A short name for the table. */
  String name();

  /**
   * Streams one answer.
   *
   * @param sink receives each text piece in order
   * @throws Exception when the call fails
   */
  void stream(Consumer<String> sink) throws Exception;

  /**
   * Makes one non-streaming call.
   *
   * @return the answer's text
   * @throws Exception when the call fails
   */
  String call() throws Exception;

  /** Whether this contender takes part in the non-streaming calls. */
  default boolean makesCalls() {
    return true;
  }

  @Override
  void close();
}
