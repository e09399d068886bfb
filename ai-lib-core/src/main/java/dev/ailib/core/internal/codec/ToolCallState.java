package dev.ailib.core.internal.codec;

import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The tool calls being streamed in one stream, keyed by candidate and index. Owned by one stream only. */
final class ToolCallState {
  private final Map<Integer, Map<Integer, Open>> byCandidate = new TreeMap<>();

  private static final class Open {
    String id;
    String name;
    final StringBuilder args = new StringBuilder();
  }

  /** Starts or continues a call; emits ToolCallStarted the first time, PartialToolCall for argument text. */
  void delta(int candidate, int index, String id, String name, String argsDelta, List<StreamingEvent> out) {
    Map<Integer, Open> calls = byCandidate.computeIfAbsent(candidate, k -> new TreeMap<>());
    Open o = calls.get(index);
    if (o == null) {
      o = new Open();
      o.id = id;
      o.name = name;
      calls.put(index, o);
      out.add(new StreamingEvent.ToolCallStarted(candidate, index, id, name));
    } else {
      if (o.id == null) {
        o.id = id;
      }
      if (o.name == null) {
        o.name = name;
      }
    }
    if (argsDelta != null && !argsDelta.isEmpty()) {
      o.args.append(argsDelta);
      out.add(new StreamingEvent.PartialToolCall(candidate, index, o.id, argsDelta));
    }
  }

  /** Ends one call. */
  void end(int candidate, int index, List<StreamingEvent> out) {
    Map<Integer, Open> calls = byCandidate.get(candidate);
    Open o = calls == null ? null : calls.remove(index);
    if (o != null) {
      out.add(new StreamingEvent.ToolCallEnded(candidate, index, new ToolCall(o.id, o.name == null ? "" : o.name,
          o.args.toString())));
    }
  }

  /** Ends every open call of a candidate, in index order. */
  void endAll(int candidate, List<StreamingEvent> out) {
    Map<Integer, Open> calls = byCandidate.get(candidate);
    if (calls != null) {
      for (Integer index : new ArrayList<>(calls.keySet())) {
        end(candidate, index, out);
      }
    }
  }

  boolean hasCalls(int candidate) {
    Map<Integer, Open> calls = byCandidate.get(candidate);
    return calls != null && !calls.isEmpty();
  }
}
