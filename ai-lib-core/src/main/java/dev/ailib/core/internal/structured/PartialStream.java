package dev.ailib.core.internal.structured;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.CallStats;
import dev.ailib.api.ChatStream;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.StructuredResult;
import dev.ailib.api.StructuredStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A typed answer while it streams: the text (or the forced tool call's argument fragments) is read as a JSON
 * prefix after every event ({@link PartialJson}); each time the value it stands for grows, a partial value bound
 * leniently is delivered. At the end of the stream the whole answer is read like an unstreamed one (checked,
 * repaired with an unstreamed request if needed) and delivered as the final value.
 *
 * @param <T> the answer's type
 */
final class PartialStream<T> implements StructuredStream<T> {
  private final StructuredCalls.Call call;
  private final ChatStream stream;
  private final StreamedAnswer answer = new StreamedAnswer();
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder toolInput = new StringBuilder();
  private boolean iterated;
  private volatile StructuredResult<T> result;

  PartialStream(StructuredCalls.Call call, ChatStream stream) {
    this.call = call;
    this.stream = stream;
  }

  @Override
  public Iterator<Partial<T>> iterator() {
    if (iterated) {
      throw new IllegalStateException("a StructuredStream can be iterated once");
    }
    iterated = true;
    return new Partials();
  }

  @Override
  public Optional<StructuredResult<T>> result() {
    return Optional.ofNullable(result);
  }

  @Override
  public void cancel() {
    stream.cancel();
  }

  @Override
  public void close() {
    stream.close();
  }

  private final class Partials implements Iterator<Partial<T>> {
    private final Iterator<StreamingEvent> events = stream.iterator();
    private Partial<T> pending;
    private boolean done;
    private int toolIndex = -1;
    private boolean toolMode;
    private boolean broken;
    private JsonNode shown;
    /** The answer's length at the last reading, -1 before the first. */
    private int readAt = -1;
    /** The next reading is taken whatever the growth (a tool call's whole input arrived). */
    private boolean readNext;

    @Override
    public boolean hasNext() {
      if (pending != null) {
        return true;
      }
      if (done) {
        return false;
      }
      while (events.hasNext()) {
        StreamingEvent e = events.next();
        answer.accept(e);
        if (take(e)) {
          update();
          if (pending != null) {
            return true;
          }
        }
      }
      done = true;
      CallStats stats = stream.stats().orElseThrow(() -> new IllegalStateException("the stream ended without "
          + "its figures"));
      StructuredResult<T> r = call.finish(answer.response(stats.model()), stats);
      result = r;
      pending = new Partial<>(r.value(), r.json(), true);
      return true;
    }

    @Override
    public Partial<T> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Partial<T> p = pending;
      pending = null;
      return p;
    }

    /** Adds an event's piece of the answer; true when the answer's text grew. */
    private boolean take(StreamingEvent e) {
      String name = call.shape.name();
      if (e instanceof StreamingEvent.ToolCallStarted s && s.candidate() == 0 && name.equals(s.name())) {
        toolIndex = s.index();
        toolMode = true;
        broken = false;
        shown = null;
        readAt = -1;
        toolInput.setLength(0);
        return false;
      }
      if (e instanceof StreamingEvent.PartialToolCall p && p.candidate() == 0 && toolMode && p.index() == toolIndex) {
        toolInput.append(p.argumentsDelta());
        return true;
      }
      if (e instanceof StreamingEvent.ToolCallEnded t && t.candidate() == 0 && name.equals(t.call().name())) {
        if (!toolMode || t.index() == toolIndex) {
          toolMode = true;
          toolInput.setLength(0);
          toolInput.append(t.call().argumentsJson());
          readNext = true;
          return true;
        }
        return false;
      }
      if (e instanceof StreamingEvent.ContentDelta d && d.candidate() == 0 && !toolMode) {
        text.append(d.text());
        return true;
      }
      return false;
    }

    /**
     * Reads the answer so far when it grew enough since the last reading. Reading the whole prefix after every delta
     * would cost the square of the answer's length (a 100 KB answer in 5-character deltas: about 10^9 characters
     * scanned); reading once it grew by a 32nd of what was read, at most 1 KiB, keeps every delta of a short answer
     * visible and the work on a long one near linear (PartialJson has no incremental form to resume from).
     */
    private void update() {
      if (broken) {
        return;
      }
      int length = toolMode ? toolInput.length() : text.length();
      if (!readNext && readAt >= 0 && length - readAt < Math.min(Math.max(1, readAt / 32), 1024)) {
        return;
      }
      readAt = length;
      readNext = false;
      String source = toolMode ? toolInput.toString() : withoutFence(text.toString());
      try {
        JsonNode node = PartialJson.of(source, true);
        if (node == null || node.equals(shown)) {
          return;
        }
        JsonNode inner = call.shape.unwrap(node);
        if (inner == null) {
          return;
        }
        T value = bind(inner);
        if (value == null) {
          JsonNode settled = PartialJson.of(source, false); // a string still arriving may not bind yet (a date)
          inner = settled == null ? null : call.shape.unwrap(settled);
          value = inner == null ? null : bind(inner);
          if (value == null) {
            return;
          }
        }
        shown = node;
        pending = new Partial<>(value, inner.toString(), false);
      } catch (PartialJson.NotJson e) {
        broken = true; // not JSON: no partial values; the final reading reports the problem
      }
    }

    private T bind(JsonNode inner) {
      try {
        @SuppressWarnings("unchecked")
        T value = (T) Binding.LENIENT.readerFor(call.shape.type()).readValue(inner);
        return value;
      } catch (java.io.IOException | RuntimeException e) {
        return null;
      }
    }
  }

  /** A prompted answer may open with a Markdown fence line; the JSON starts after it. */
  static String withoutFence(String text) {
    String t = text.stripLeading();
    if (!t.startsWith("`")) {
      return t;
    }
    int nl = t.indexOf('\n');
    return nl < 0 ? "" : t.substring(nl + 1);
  }
}
