package dev.ailib.api;

import dev.ailib.api.internal.Checks;

/**
 * One event of a streamed tool run ({@link ChatRequestBuilder#streamTools}). Sealed: switch over the records. A run
 * yields the events of each round's model stream, then each tool call's outcome, and ends with {@link Finished}.
 */
public sealed interface ToolRunEvent permits ToolRunEvent.ModelEvent, ToolRunEvent.ToolExecuted,
    ToolRunEvent.Finished {

  /**
   * An event of a round's model stream (text, tool-call fragments, usage, its end).
   *
   * @param round the round, from 1
   * @param event the event
   */
  record ModelEvent(int round, StreamingEvent event) implements ToolRunEvent {
    /** Checks the event is present. */
    public ModelEvent {
      Checks.notNull(event, "event");
    }
  }

  /**
   * A tool call of the round ran (in the order the calls finished).
   *
   * @param round the round, from 1
   * @param execution the call, its result and how long it took
   */
  record ToolExecuted(int round, ToolExecution execution) implements ToolRunEvent {
    /** Checks the execution is present. */
    public ToolExecuted {
      Checks.notNull(execution, "execution");
    }
  }

  /**
   * The run ended.
   *
   * @param result how it ended
   */
  record Finished(ToolRunResult result) implements ToolRunEvent {
    /** Checks the result is present. */
    public Finished {
      Checks.notNull(result, "result");
    }
  }
}
