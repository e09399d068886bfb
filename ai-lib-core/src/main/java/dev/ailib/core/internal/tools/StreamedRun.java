package dev.ailib.core.internal.tools;

import dev.ailib.api.CallStats;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatStream;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolRunEvent;
import dev.ailib.api.ToolRunResult;
import dev.ailib.api.ToolRunStream;
import dev.ailib.api.spi.ClientEngine;
import dev.ailib.core.internal.structured.StreamedAnswer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A tool run driven by iteration: a round's model stream is passed on event by event; when it ends, the round's
 * tool calls run on the iterating thread's behalf and their outcomes follow; the next round's stream opens on the
 * next step. Ends with {@link ToolRunEvent.Finished}.
 */
final class StreamedRun implements ToolRunStream {
  private final ClientEngine engine;
  private final ToolRunner.Run run;
  private final ToolCallExecutor executor;
  private final CancelToken cancel;
  private final Deque<ToolRunEvent> pending = new ArrayDeque<>();
  private volatile ChatStream current;
  private volatile ToolRunResult result;
  private boolean iterated;
  private boolean finished;
  private Iterator<StreamingEvent> events;
  private StreamedAnswer answer;

  StreamedRun(ClientEngine engine, ToolRunner.Run run, ToolCallExecutor executor, CancelToken cancel) {
    this.engine = engine;
    this.run = run;
    this.executor = executor;
    this.cancel = cancel;
  }

  @Override
  public Iterator<ToolRunEvent> iterator() {
    if (iterated) {
      throw new IllegalStateException("a ToolRunStream can be iterated once");
    }
    iterated = true;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        while (pending.isEmpty() && !finished) {
          step();
        }
        return !pending.isEmpty();
      }

      @Override
      public ToolRunEvent next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.poll();
      }
    };
  }

  private void step() {
    try {
      if (current == null) {
        current = engine.stream(run.nextRequest(), cancel);
        events = current.iterator();
        answer = new StreamedAnswer();
      }
      if (events.hasNext()) {
        StreamingEvent e = events.next();
        answer.accept(e);
        pending.add(new ToolRunEvent.ModelEvent(run.round, e));
        return;
      }
      ChatStream ended = current;
      CallStats stats = ended.stats().orElseThrow(() -> new IllegalStateException("the stream ended without its "
          + "figures"));
      ended.close();
      current = null;
      int round = run.round;
      ToolRunResult end = run.roundEnded(answer.response(stats.model()), stats, executor, cancel,
          e -> pending.add(new ToolRunEvent.ToolExecuted(round, e)));
      if (end != null) {
        result = end;
        finished = true;
        pending.add(new ToolRunEvent.Finished(end));
        executor.close();
      }
    } catch (RuntimeException e) {
      finished = true;
      close();
      throw e;
    }
  }

  @Override
  public Optional<ToolRunResult> result() {
    return Optional.ofNullable(result);
  }

  @Override
  public void cancel() {
    cancel.cancel();
    ChatStream s = current;
    if (s != null) {
      s.cancel();
    }
  }

  @Override
  public void close() {
    ChatStream s = current;
    if (s != null) {
      s.close();
    }
    executor.close();
  }
}
