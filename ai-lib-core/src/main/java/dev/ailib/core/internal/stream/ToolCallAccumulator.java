package dev.ailib.core.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Assembles streamed tool-call fragments into whole calls, per stream. Calls are keyed by (candidate, index).
 * Later fragments recover the id and name of the call they continue. Tolerated: a missing or negative index
 * (the fragment continues the candidate's latest call, or starts a new one when it names a tool), an index that
 * shifts while the id stays the same (the id wins), a new id arriving at an index already taken (a new call), a
 * missing id (null; a late id is adopted, and a call that completes without one gets a generated id, so every
 * {@link StreamingEvent.ToolCallEnded} can be answered), an empty {@code tool_calls: []}. A call's signature (the
 * provider's opaque data to send back with it) is the first one any of its fragments brought. Fragments for a call that was
 * already completed are ignored. Not thread-safe: one instance per stream.
 *
 * <p>Events: {@link StreamingEvent.ToolCallStarted} once the call's name is known,
 * {@link StreamingEvent.PartialToolCall} per non-empty argument fragment, and {@link StreamingEvent.ToolCallEnded}
 * with the whole {@link ToolCall} when flushed (by the manifest's {@code flush_on}, a finish reason, or the end
 * of the stream).
 */
public final class ToolCallAccumulator {

  private static final class Call {
    final int candidate;
    final int index;
    String id;
    String name;
    String signature;
    final StringBuilder arguments = new StringBuilder();
    boolean started;

    Call(int candidate, int index) {
      this.candidate = candidate;
      this.index = index;
    }
  }

  private final boolean emitEnded;
  private final java.util.function.Supplier<String> ids;
  private final List<Call> open = new ArrayList<>(4);
  private final List<ToolCall> completed = new ArrayList<>(4);
  private Set<Long> closedKeys;
  private Set<String> closedIds;
  private final Set<Integer> candidatesWithCalls = new HashSet<>(2);

  /**
   * Creates an accumulator.
   *
   * @param emitEnded whether to emit {@link StreamingEvent.ToolCallEnded} (the manifest's
   *     {@code stateful_tool_parsing}); fragments are tracked either way
   */
  public ToolCallAccumulator(boolean emitEnded) {
    this(emitEnded, dev.ailib.core.internal.response.ToolCallIds::newId);
  }

  /**
   * Creates an accumulator.
   *
   * @param emitEnded whether to emit {@link StreamingEvent.ToolCallEnded}
   * @param ids makes the id of a call that completes without one
   */
  public ToolCallAccumulator(boolean emitEnded, java.util.function.Supplier<String> ids) {
    this.emitEnded = emitEnded;
    this.ids = java.util.Objects.requireNonNull(ids, "ids");
  }

  /**
   * A fragment in the common tool-call delta shape: {@code {index, id, type, function: {name, arguments}}}, or a
   * whole call {@code {id?, name, args | arguments}} (arguments as a JSON string or a JSON object).
   *
   * @param candidate the candidate
   * @param fragment the fragment
   * @param out receives events
   */
  public void fragment(int candidate, JsonNode fragment, Consumer<StreamingEvent> out) {
    fragment(candidate, fragment, null, out);
  }

  /**
   * A fragment in the common tool-call delta shape, generating an id for a call that has none.
   *
   * @param candidate the candidate
   * @param fragment the fragment
   * @param idGenerator makes an id when the call has none yet, or null to leave it for later
   * @param out receives events
   */
  public void fragment(int candidate, JsonNode fragment, java.util.function.Supplier<String> idGenerator,
      Consumer<StreamingEvent> out) {
    fragment(candidate, fragment, null, idGenerator, out);
  }

  /**
   * A fragment in the common tool-call delta shape, with the call's signature read beside it.
   *
   * @param candidate the candidate
   * @param fragment the fragment
   * @param signature the call's opaque signature (Gemini's {@code thoughtSignature}), or null; the first one a call
   *     gets is kept
   * @param idGenerator makes an id when the call has none yet, or null to leave it for later
   * @param out receives events
   */
  public void fragment(int candidate, JsonNode fragment, String signature,
      java.util.function.Supplier<String> idGenerator, Consumer<StreamingEvent> out) {
    if (fragment == null || !fragment.isObject()) {
      return;
    }
    JsonNode fn = fragment.get("function");
    JsonNode holder = fn != null && fn.isObject() ? fn : fragment;
    Integer index = intOrNull(fragment.get("index"));
    String id = textOrNull(fragment.get("id"));
    if (id == null && holder != fragment) {
      id = textOrNull(holder.get("id"));
    }
    String name = textOrNull(holder.get("name"));
    JsonNode args = holder.get("arguments");
    if (args == null || args.isNull()) {
      args = holder.get("args");
    }
    if (args == null || args.isNull()) {
      args = holder.get("input");
    }
    String delta = args == null || args.isNull() ? null : args.isTextual() ? args.textValue() : Json.toJson(args);
    fragment(candidate, index, id, name, delta, signature, idGenerator, out);
  }

  /**
   * A fragment given field by field.
   *
   * @param candidate the candidate
   * @param index the provider's index, or null / negative when unknown
   * @param id the call id, or null
   * @param name the tool name, or null
   * @param argumentsDelta the argument text to append, or null
   * @param out receives events
   */
  public void fragment(int candidate, Integer index, String id, String name, String argumentsDelta,
      Consumer<StreamingEvent> out) {
    fragment(candidate, index, id, name, argumentsDelta, null, out);
  }

  /**
   * A fragment given field by field, generating an id for a call that has none.
   *
   * @param candidate the candidate
   * @param index the provider's index, or null / negative when unknown
   * @param id the call id, or null
   * @param name the tool name, or null
   * @param argumentsDelta the argument text to append, or null
   * @param idGenerator makes an id when the call has none yet, or null to leave it null
   * @param out receives events
   */
  public void fragment(int candidate, Integer index, String id, String name, String argumentsDelta,
      java.util.function.Supplier<String> idGenerator, Consumer<StreamingEvent> out) {
    fragment(candidate, index, id, name, argumentsDelta, null, idGenerator, out);
  }

  /**
   * A fragment given field by field, with the call's signature.
   *
   * @param candidate the candidate
   * @param index the provider's index, or null / negative when unknown
   * @param id the call id, or null
   * @param name the tool name, or null
   * @param argumentsDelta the argument text to append, or null
   * @param signature the call's opaque signature (Gemini's {@code thoughtSignature}), or null; the first one a call
   *     gets is kept
   * @param idGenerator makes an id when the call has none yet, or null to leave it null
   * @param out receives events
   */
  public void fragment(int candidate, Integer index, String id, String name, String argumentsDelta, String signature,
      java.util.function.Supplier<String> idGenerator, Consumer<StreamingEvent> out) {
    Call call = locate(candidate, index, id, name);
    if (call == null) {
      return; // a late fragment of a completed call
    }
    if (signature != null && !signature.isEmpty() && call.signature == null) {
      call.signature = signature;
    }
    if (id != null && call.id == null) {
      call.id = id;
    }
    if (call.id == null && idGenerator != null) {
      call.id = idGenerator.get();
    }
    if (name != null && !name.isEmpty() && call.name == null) {
      call.name = name;
    }
    if (!call.started && call.name != null) {
      call.started = true;
      out.accept(new StreamingEvent.ToolCallStarted(call.candidate, call.index, call.id, call.name));
    }
    if (argumentsDelta != null && !argumentsDelta.isEmpty()) {
      call.arguments.append(argumentsDelta);
      out.accept(new StreamingEvent.PartialToolCall(call.candidate, call.index, call.id, argumentsDelta));
    }
  }

  private Call locate(int candidate, Integer rawIndex, String id, String name) {
    Integer index = rawIndex == null || rawIndex < 0 ? null : rawIndex;
    if (id != null) {
      for (Call c : open) {
        if (c.candidate == candidate && id.equals(c.id)) {
          return c;
        }
      }
      if (closedIds != null && closedIds.contains(candidate + "\u0000" + id)) {
        return null;
      }
      if (index != null) {
        Call at = openAt(candidate, index);
        if (at != null) {
          if (at.id == null) {
            return at; // the id arrived late
          }
          return newCall(candidate, nextIndex(candidate)); // the index was reused for another call
        }
        if (!isClosed(candidate, index)) {
          return newCall(candidate, index);
        }
      }
      return newCall(candidate, nextIndex(candidate));
    }
    if (index != null) {
      Call at = openAt(candidate, index);
      if (at != null) {
        return at;
      }
      if (name == null) {
        Call last = lastOpen(candidate);
        if (last != null) {
          return last; // the index shifted between fragments of one call
        }
        if (isClosed(candidate, index)) {
          return null;
        }
      }
      return newCall(candidate, isClosed(candidate, index) ? nextIndex(candidate) : index);
    }
    if (name == null) {
      Call last = lastOpen(candidate);
      if (last != null) {
        return last; // continues the latest call
      }
    } else {
      for (Call c : open) {
        if (c.candidate == candidate && name.equals(c.name) && c.arguments.length() == 0) {
          return c; // the arguments of a call started by name earlier (several calls: in start order)
        }
      }
    }
    return newCall(candidate, nextIndex(candidate));
  }

  /**
   * A call starts (a manifest {@code ToolCallStarted} rule).
   *
   * @param candidate the candidate
   * @param index the index, or null
   * @param id the id, or null
   * @param name the name, or null
   * @param out receives events
   */
  public void start(int candidate, Integer index, String id, String name, Consumer<StreamingEvent> out) {
    fragment(candidate, index, id, name, null, out);
  }

  /**
   * One call ends (a manifest {@code ToolCallEnded} rule): emits its {@link StreamingEvent.ToolCallEnded}.
   * With no index, the candidate's latest call ends. Nothing happens when no such call is open.
   *
   * @param candidate the candidate
   * @param index the index, or null
   * @param out receives events
   */
  public void end(int candidate, Integer index, Consumer<StreamingEvent> out) {
    Call c = index == null || index < 0 ? lastOpen(candidate) : openAt(candidate, index);
    if (c != null) {
      close(c, out);
    }
  }

  /**
   * Completes every open call of a candidate, in the order they started.
   *
   * @param candidate the candidate
   * @param out receives events
   */
  public void flush(int candidate, Consumer<StreamingEvent> out) {
    for (int i = 0; i < open.size();) {
      Call c = open.get(i);
      if (c.candidate == candidate) {
        close(c, out);
      } else {
        i++;
      }
    }
  }

  /**
   * Completes every open call, in the order they started.
   *
   * @param out receives events
   */
  public void flushAll(Consumer<StreamingEvent> out) {
    while (!open.isEmpty()) {
      close(open.get(0), out);
    }
  }

  /** Whether a candidate made any tool call in this stream. */
  public boolean hasCalls(int candidate) {
    return candidatesWithCalls.contains(candidate);
  }

  /** Whether any call is still open. */
  public boolean hasOpenCalls() {
    return !open.isEmpty();
  }

  /** The completed calls so far, in completion order. */
  public List<ToolCall> completed() {
    return List.copyOf(completed);
  }

  private void close(Call c, Consumer<StreamingEvent> out) {
    open.remove(c);
    if (c.id == null) {
      c.id = ids.get(); // the wire gave none: the caller needs one to answer the call
    }
    if (closedKeys == null) {
      closedKeys = new HashSet<>();
      closedIds = new HashSet<>();
    }
    closedKeys.add(key(c.candidate, c.index));
    if (c.id != null) {
      closedIds.add(c.candidate + "\u0000" + c.id);
    }
    ToolCall call = new ToolCall(c.id, c.name == null ? "" : c.name, c.arguments.toString(), c.signature);
    completed.add(call);
    if (emitEnded) {
      out.accept(new StreamingEvent.ToolCallEnded(c.candidate, c.index, call));
    }
  }

  private Call newCall(int candidate, int index) {
    Call c = new Call(candidate, index);
    open.add(c);
    candidatesWithCalls.add(candidate);
    return c;
  }

  private Call openAt(int candidate, int index) {
    for (Call c : open) {
      if (c.candidate == candidate && c.index == index) {
        return c;
      }
    }
    return null;
  }

  private Call lastOpen(int candidate) {
    for (int i = open.size() - 1; i >= 0; i--) {
      if (open.get(i).candidate == candidate) {
        return open.get(i);
      }
    }
    return null;
  }

  private boolean isClosed(int candidate, int index) {
    return closedKeys != null && closedKeys.contains(key(candidate, index));
  }

  private int nextIndex(int candidate) {
    int next = 0;
    for (Call c : open) {
      if (c.candidate == candidate) {
        next = Math.max(next, c.index + 1);
      }
    }
    while (isClosed(candidate, next)) {
      next++;
    }
    return next;
  }

  private static long key(int candidate, int index) {
    return ((long) candidate << 32) | (index & 0xffffffffL);
  }

  static Integer intOrNull(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isIntegralNumber()) {
      return n.intValue();
    }
    if (n.isTextual()) {
      try {
        return Integer.parseInt(n.textValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  static String textOrNull(JsonNode n) {
    if (n == null || n.isNull() || n.isContainerNode()) {
      return null;
    }
    return n.asText();
  }
}
