package dev.ailib.api;

import java.util.Iterator;
import java.util.Optional;

/**
 * A tool run whose model calls stream ({@link ChatRequestBuilder#streamTools}). Iterating drives the run: each
 * round's model events arrive as they stream, the round's tool calls run when its stream ends, and the last event
 * is {@link ToolRunEvent.Finished}. A failed model call ends the iteration with its exception. Use in
 * try-with-resources: closing aborts the current model stream and cancels running tools. Iterate once; not
 * thread-safe, but {@link #cancel()} may be called from any thread.
 */
public interface ToolRunStream extends Iterable<ToolRunEvent>, AutoCloseable {

  /** The events, in order. May be called once. */
  @Override
  Iterator<ToolRunEvent> iterator();

  /** How the run ended, once {@link ToolRunEvent.Finished} was delivered. */
  Optional<ToolRunResult> result();

  /** Aborts the run: the current model stream and the running tools. Idempotent, any thread. */
  void cancel();

  /** Ends the run. Idempotent. */
  @Override
  void close();
}
