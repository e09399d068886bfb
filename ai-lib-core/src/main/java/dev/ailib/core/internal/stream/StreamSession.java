package dev.ailib.core.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.FinishReason;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.internal.response.ErrorClassifier;
import dev.ailib.core.internal.response.FinishReasons;
import dev.ailib.core.internal.response.Origin;
import dev.ailib.core.internal.response.ReasoningContent;
import dev.ailib.core.internal.response.ReasoningItems;
import dev.ailib.core.internal.response.UsageMerger;
import dev.ailib.core.spi.manifest.StreamingSpec;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The state of one stream: its decoder, tool-call accumulator, usage and finish reasons. Feed it bytes
 * ({@link #onBytes}) or decoded frames ({@link #onFrame}), then call {@link #finish} at the end of the input; or
 * pull events with {@link #iterate(InputStream)}. Each event list ends, over the whole stream, with exactly one
 * {@link StreamingEvent.StreamEnd} or one {@link StreamingEvent.StreamError}; nothing follows it.
 *
 * <p>Per frame: the frame selector filters (error rules still see every frame); each rule that matches emits, in manifest order (a frame with content
 * and a finish reason yields both); with a candidate path, rules that read the candidate array run once per
 * candidate (the others once per frame); fields that fan out ({@code [*]}) emit once per element; then the
 * accumulator's {@code flush_on} and the {@code stop_condition} are checked. A finish reason completes the
 * candidate's open tool calls at once. At the end: remaining tool calls complete, one
 * {@link StreamingEvent.UsageReport} carries the usage merged over the stream (when any was sent), then one
 * {@link StreamingEvent.StreamEnd} (candidate 0's reason, or the lowest candidate's; {@code end_turn} becomes
 * {@code tool_use} for a candidate that called tools). A stream that ends with no finish reason, stop condition or
 * done signal ends with a {@link StreamingEvent.StreamError} (a cut connection is not a normal end).
 *
 * <p>Not thread-safe: one thread at a time.
 */
public final class StreamSession {
  private final StreamPipeline p;
  private final Supplier<String> ids;
  private final FrameDecoder decoder;
  private final ProjectingFrameReader reader;
  private final ToolCallAccumulator tools;
  private final UsageMerger usage = new UsageMerger();
  private final Origin origin;
  private final List<int[]> finishOrder = new ArrayList<>(2); // [candidate, literal?1:0]
  private final List<String> finishRaw = new ArrayList<>(2);
  private final List<JsonNode> viewNodes = new ArrayList<>(2);
  private int[] viewIds = new int[4];
  private final List<String> candidateFields;
  private final FrameSink sink = this::handleFrame;
  private Consumer<StreamingEvent> out;
  private boolean ended;
  private boolean terminated;
  private int frames;
  /** Per frame: the kinds a manifest rule produced something for (bits by kind), so fallbacks stay quiet. */
  private int frameMask;
  private int[] viewMasks = new int[4];
  /** Whether the rule being applied produced something (text, a tool name or arguments, a finish reason). */
  private boolean produced;
  /**
   * Per candidate, the thinking streamed since the last signed block ended; only kept when the pipeline has rules
   * that end blocks ({@link StreamPipeline#endsThinkingBlocks}).
   */
  private StringBuilder[] unsignedThinking;
  /** Whether thinking came as {@code reasoning_content}, which the provider takes back (ReasoningContent). */
  private boolean reasoningContent;

  StreamSession(StreamPipeline pipeline, Supplier<String> ids, Origin origin) {
    this.p = pipeline;
    this.ids = ids;
    this.origin = origin;
    this.reader = pipeline.newReader();
    this.decoder = pipeline.newDecoder(reader);
    this.tools = new ToolCallAccumulator(pipeline.emitToolCallEnded, ids);
    this.candidateFields = pipeline.candidatePrefix == null ? null : pipeline.candidateFields();
  }

  /**
   * Decodes and maps a chunk of the response body.
   *
   * @param chunk the bytes
   * @param off the first byte
   * @param len how many bytes
   * @param out receives the events
   */
  public void onBytes(byte[] chunk, int off, int len, Consumer<StreamingEvent> out) {
    if (terminated || decoder.doneReceived()) {
      return;
    }
    this.out = out;
    try {
      decoder.feed(chunk, off, len, sink);
    } catch (AiLibException e) {
      fail(e, out);
    }
    if (decoder.doneReceived()) {
      ended = true;
    }
  }

  /**
   * Maps one decoded frame (the engine feeds bytes; the AI-Protocol compliance runner, whose cases give decoded
   * frames, feeds frames).
   *
   * @param frame the frame
   * @param out receives the events
   */
  public void onFrame(Frame frame, Consumer<StreamingEvent> out) {
    this.out = out;
    handleFrame(frame);
  }

  /**
   * The input ended: flushes the decoder, completes open tool calls, reports usage and ends the stream with its
   * {@link StreamingEvent.StreamEnd} (or a {@link StreamingEvent.StreamError}). Does nothing the second time.
   *
   * @param out receives the events
   */
  public void finish(Consumer<StreamingEvent> out) {
    if (terminated) {
      return;
    }
    this.out = out;
    try {
      decoder.end(sink);
    } catch (AiLibException e) {
      fail(e, out);
      return;
    }
    if (terminated) {
      return;
    }
    terminated = true;
    tools.flushAll(out);
    if (usage.present()) {
      out.accept(new StreamingEvent.UsageReport(usage.usage()));
    }
    if (!finishOrder.isEmpty()) {
      int pick = 0;
      for (int i = 1; i < finishOrder.size(); i++) {
        if (finishOrder.get(i)[0] < finishOrder.get(pick)[0]) {
          pick = i;
        }
      }
      int candidate = finishOrder.get(pick)[0];
      String raw = finishRaw.get(pick);
      FinishReason reason = FinishReasons.resolve(raw, p.termination, tools.hasCalls(candidate));
      out.accept(new StreamingEvent.StreamEnd(reason, raw, candidate));
    } else if (ended || decoder.doneReceived()) {
      out.accept(new StreamingEvent.StreamEnd(FinishReasons.resolve(null, p.termination, tools.hasCalls(0)), null, 0));
    } else {
      String problem = frames == 0
          ? "no frame was decoded from the stream: check that the manifest's streaming.decoder.format '"
              + p.spec.decoder().format() + "' matches the body the provider sends (or the connection was cut)"
          : "stream ended after " + frames + " frame(s) without a finish reason, stop condition or done signal "
              + "(connection cut?)";
      out.accept(new StreamingEvent.StreamError(new TransportException(TransportException.Kind.IO,
          origin.describe() + ": " + problem, null)));
    }
  }

  /**
   * The stream failed outside the pipeline (I/O error, cancellation): emits the one
   * {@link StreamingEvent.StreamError} unless the stream already ended. Every error a session emits goes through
   * the call's {@link dev.ailib.core.internal.response.Redactor} first.
   *
   * @param error the error
   * @param out receives the event
   */
  void fail(AiLibException error, Consumer<StreamingEvent> out) {
    if (terminated) {
      return;
    }
    terminated = true;
    out.accept(new StreamingEvent.StreamError(origin.redactor().apply(error)));
  }

  /** Whether the stream's last event (StreamEnd or StreamError) was emitted. */
  public boolean isTerminated() {
    return terminated;
  }

  /** Whether the provider's done signal arrived, so no more input is expected. */
  public boolean inputDone() {
    return decoder.doneReceived();
  }

  /** How many frames were mapped. */
  int frameCount() {
    return frames;
  }

  /**
   * Pulls events from a body: reads it in 8 KiB chunks as events are asked for. Closing the iterator closes the
   * body.
   *
   * @param body the response body
   * @return the events
   */
  public EventIterator iterate(InputStream body) {
    return new EventIterator(this, body);
  }

  private void handleFrame(Frame frame) {
    if (terminated) {
      return;
    }
    frames++;
    try {
      map(frame.json());
    } catch (AiLibException e) {
      fail(e, out);
    } catch (RuntimeException e) {
      fail(new ProtocolException(StandardErrorCode.UNKNOWN, "mapping stream frame " + frames + " failed: " + e,
          null, e), out);
    }
  }

  private static int bit(CompiledRule rule) {
    return 1 << rule.family.ordinal();
  }

  private int anyView(int views) {
    int m = 0;
    for (int i = 0; i < views; i++) {
      m |= viewMasks[i];
    }
    return m;
  }

  private void map(JsonNode json) {
    boolean selected = p.frameSelector == null || p.frameSelector.matches(json);
    int views = !selected || candidateFields == null ? 0 : computeViews(json);
    frameMask = 0;
    if (viewMasks.length < views) {
      viewMasks = new int[views];
    }
    java.util.Arrays.fill(viewMasks, 0, views, 0);
    for (CompiledRule rule : p.rules) {
      if (!selected && rule.kind != StreamingSpec.EmitKind.STREAM_ERROR) {
        continue; // the selector drops the frame, but never hides a provider error
      }
      if (rule.candidateScoped && views > 0) {
        for (int i = 0; i < views && !terminated; i++) {
          if (!rule.fallback || ((frameMask | viewMasks[i]) & bit(rule)) == 0) {
            produced = false;
            apply(rule, viewNodes.get(i), viewIds[i]);
            if (produced && !rule.fallback) {
              viewMasks[i] |= bit(rule);
            }
          }
        }
      } else if (!rule.fallback || ((frameMask | anyView(views)) & bit(rule)) == 0) {
        produced = false;
        apply(rule, json, 0);
        if (produced && !rule.fallback) {
          frameMask |= bit(rule);
        }
      }
      if (terminated) {
        return;
      }
    }
    if (!selected) {
      return;
    }
    if (p.flushOn != null && p.flushOn.matches(json)) {
      tools.flushAll(out);
    }
    if (p.stopCondition != null && p.stopCondition.matches(json)) {
      ended = true;
    }
  }

  /** One view of the frame per candidate, each with the candidate array cut to that candidate. */
  private int computeViews(JsonNode json) {
    viewNodes.clear();
    JsonNode arr = json;
    for (String f : candidateFields) {
      arr = arr == null ? null : arr.get(f);
    }
    if (arr == null || !arr.isArray() || arr.isEmpty()) {
      return 0;
    }
    if (arr.size() == 1) {
      viewNodes.add(json);
      viewIds[0] = candidateId(arr.get(0), 0);
      return 1;
    }
    int n = p.candidateFanOut ? arr.size() : 1;
    if (n > viewIds.length) {
      viewIds = new int[n];
    }
    for (int i = 0; i < n; i++) {
      ArrayNode one = Json.MAPPER.createArrayNode().add(arr.get(i));
      viewNodes.add(replace(json, 0, one));
      viewIds[i] = candidateId(arr.get(i), i);
    }
    return n;
  }

  private JsonNode replace(JsonNode node, int depth, JsonNode leaf) {
    ObjectNode copy = Json.MAPPER.createObjectNode();
    copy.setAll((ObjectNode) node);
    String f = candidateFields.get(depth);
    copy.set(f, depth == candidateFields.size() - 1 ? leaf : replace(node.get(f), depth + 1, leaf));
    return copy;
  }

  private int candidateId(JsonNode element, int position) {
    if (p.candidateIdPath != null) {
      JsonNode v = p.candidateIdPath.first(element);
      if (v != null && v.isIntegralNumber()) {
        return v.intValue();
      }
    }
    return position;
  }

  private void apply(CompiledRule rule, JsonNode node, int candidate) {
    if (!rule.match.matches(node)) {
      return;
    }
    if (rule.rowPath == null) {
      emit(rule, node, node, candidate);
      return;
    }
    for (JsonNode row : rule.rowPath.select(node)) {
      emit(rule, node, row, candidate);
      if (terminated) {
        return;
      }
    }
  }

  private void emit(CompiledRule rule, JsonNode frame, JsonNode row, int candidate) {
    if (rule.candidateIndex != null) {
      Integer c = ToolCallAccumulator.intOrNull(rule.candidateIndex.value(frame, row));
      if (c != null && c >= 0) {
        candidate = c;
      }
    }
    if (rule.usage != null) {
      usage.merge(rule.usage.value(frame, row));
    }
    if (rule.promptTokens != null) {
      usage.set("prompt_tokens", rule.promptTokens.value(frame, row));
    }
    if (rule.completionTokens != null) {
      usage.set("completion_tokens", rule.completionTokens.value(frame, row));
    }
    if (rule.totalTokens != null) {
      usage.set("total_tokens", rule.totalTokens.value(frame, row));
    }
    if (rule.finish != null) {
      JsonNode f = rule.finish.value(frame, row);
      if (f != null && f.isTextual() && !f.textValue().isEmpty()) {
        recordFinish(candidate, f.textValue(), rule.finish.isLiteral());
        produced = true;
      }
    } else if (rule.family == StreamingSpec.EmitKind.FINAL_CANDIDATE) {
      produced = true; // a rule that ends the stream without reading a reason
    }
    switch (rule.kind) {
      case CONTENT_DELTA: {
        String text = text(rule.content != null ? rule.content : soleField(rule), frame, row);
        if (text != null && !text.isEmpty()) {
          produced = true;
          if (!rule.isThought(frame, row)) {
            out.accept(new StreamingEvent.ContentDelta(text, candidate));
          } else if (!p.manifestMapsThinking) {
            thinking(text, candidate); // a thought part: thinking, as execute()
          }
        }
        break;
      }
      case THINKING_DELTA: {
        String text = text(rule.thinking != null ? rule.thinking : soleField(rule), frame, row);
        if (text != null && !text.isEmpty()) {
          produced = true;
          if (rule.readsReasoningContent && p.endsThinkingBlocks) {
            reasoningContent = true;
          }
          thinking(text, candidate);
        }
        break;
      }
      case THINKING_BLOCK_ENDED: {
        ContentBlock block = thinkingBlock(rule, frame, row, candidate);
        if (block != null) {
          produced = true;
          out.accept(new StreamingEvent.ThinkingBlockEnded(block, candidate));
        }
        break;
      }
      case TOOL_CALL_STARTED: {
        String name = text(rule.name, frame, row);
        produced |= name != null && !name.isEmpty();
        tools.fragment(candidate, intValue(rule.index, frame, row), idValue(rule, frame, row), name, null,
            text(rule.callSignature, frame, row), generate(rule), out);
        break;
      }
      case PARTIAL_TOOL_CALL:
        partialToolCall(rule, frame, row, candidate);
        break;
      case TOOL_CALL_ENDED:
        produced = true;
        tools.end(candidate, intValue(rule.index, frame, row), out);
        break;
      case FINAL_CANDIDATE:
      case STREAM_END:
        ended = true;
        break;
      case STREAM_ERROR: {
        JsonNode err = rule.error == null ? null : rule.error.value(frame, row); // read whole: a rule's path
        // the classifier reads the envelope freely: it gets the whole payload, not the parts the rules read
        JsonNode whole = reader.whole(frame);
        fail((err != null && (err.isObject() || err.isTextual()) ? ErrorClassifier.classify(err, whole, -1, p.errors)
            : ErrorClassifier.classify(whole, -1, p.errors)).toException(origin.describe(), origin.redactor()), out);
        break;
      }
      default:
        break;
    }
  }

  private void thinking(String text, int candidate) {
    if (p.endsThinkingBlocks) {
      unsigned(candidate).append(text);
    }
    out.accept(new StreamingEvent.ThinkingDelta(text, candidate));
  }

  private StringBuilder unsigned(int candidate) {
    if (unsignedThinking == null || candidate >= unsignedThinking.length) {
      StringBuilder[] grown = new StringBuilder[Math.max(candidate + 1, 2)];
      if (unsignedThinking != null) {
        System.arraycopy(unsignedThinking, 0, grown, 0, unsignedThinking.length);
      }
      unsignedThinking = grown;
    }
    StringBuilder b = unsignedThinking[candidate];
    if (b == null) {
      b = new StringBuilder();
      unsignedThinking[candidate] = b;
    }
    return b;
  }

  /**
   * The block a block-ending rule makes: a redacted block from its data, else a {@code Thinking} holding the thinking
   * streamed since the previous block with its signature (the provider's, or a Responses reasoning item's); null when
   * the frame carries neither (a reasoning item without encrypted content ends no block).
   */
  private ContentBlock thinkingBlock(CompiledRule rule, JsonNode frame, JsonNode row, int candidate) {
    String redacted = text(rule.redactedThinking, frame, row);
    if (redacted != null && !redacted.isEmpty()) {
      return new ContentBlock.RedactedThinking(redacted);
    }
    String signature = text(rule.signature, frame, row);
    if ((signature == null || signature.isEmpty()) && rule.reasoningItem != null) {
      signature = ReasoningItems.signature(rule.reasoningItem.value(frame, row));
    }
    if ((signature == null || signature.isEmpty()) && rule.reasoningEcho != null) {
      // the end of an OpenAI-compatible answer's reasoning_content: marked for its provider, when there is any
      if (!reasoningContent || origin.provider() == null || unsigned(candidate).length() == 0) {
        return null;
      }
      signature = ReasoningContent.signature(origin.provider());
    }
    if (signature == null || signature.isEmpty()) {
      return null;
    }
    StringBuilder text = unsigned(candidate);
    ContentBlock block = new ContentBlock.Thinking(text.toString(), signature);
    text.setLength(0);
    return block;
  }

  private void partialToolCall(CompiledRule rule, JsonNode frame, JsonNode row, int candidate) {
    CompiledRule.Field whole = rule.toolCalls != null ? rule.toolCalls : rule.toolCall;
    String signature = text(rule.callSignature, frame, row); // Gemini's thoughtSignature, beside the call
    if (whole != null) {
      JsonNode v = whole.value(frame, row);
      if (v != null && v.isArray()) {
        for (JsonNode element : v) {
          produced = true;
          tools.fragment(candidate, element, signature, generate(rule), out);
        }
        return;
      }
      if (v != null && v.isObject()) {
        produced = true;
        tools.fragment(candidate, v, signature, generate(rule), out);
        return;
      }
      if (rule.arguments == null) {
        return;
      }
    }
    JsonNode args = rule.arguments == null ? soleValue(rule, frame, row) : rule.arguments.value(frame, row);
    String delta = args == null || args.isNull() ? null : args.isTextual() ? args.textValue() : Json.toJson(args);
    String name = text(rule.name, frame, row);
    produced |= (delta != null && !delta.isEmpty()) || (name != null && !name.isEmpty());
    tools.fragment(candidate, intValue(rule.index, frame, row), idValue(rule, frame, row), name, delta,
        signature, generate(rule), out);
  }

  private void recordFinish(int candidate, String raw, boolean literal) {
    for (int i = 0; i < finishOrder.size(); i++) {
      int[] f = finishOrder.get(i);
      if (f[0] == candidate) {
        if (f[1] == 1 && !literal) {
          f[1] = 0;
          finishRaw.set(i, raw);
        }
        return;
      }
    }
    finishOrder.add(new int[] {candidate, literal ? 1 : 0});
    finishRaw.add(raw);
    ended = true;
    tools.flush(candidate, out);
  }

  /**
   * The id generator for a fragment: when the rule asks ({@code _generate_uuid}) or the wire style's format sends no
   * ids (every call then has its id from its first event on); else null (an id still missing when the call completes
   * is generated then, by the accumulator).
   */
  private Supplier<String> generate(CompiledRule rule) {
    return !p.callIdsOnWire || (rule.id != null && rule.id.isLiteral() && rule.id.literal != null
        && CompiledRule.GENERATE_ID.equals(rule.id.literal.asText())) ? ids : null;
  }

  private static String idValue(CompiledRule rule, JsonNode frame, JsonNode row) {
    if (rule.id == null) {
      return null;
    }
    if (rule.id.isLiteral() && rule.id.literal != null && CompiledRule.GENERATE_ID.equals(rule.id.literal.asText())) {
      return null;
    }
    return text(rule.id, frame, row);
  }

  private static CompiledRule.Field soleField(CompiledRule rule) {
    return rule.fields.length == 1 ? rule.fields[0] : null;
  }

  private static JsonNode soleValue(CompiledRule rule, JsonNode frame, JsonNode row) {
    CompiledRule.Field f = soleField(rule);
    return f == null ? null : f.value(frame, row);
  }

  private static String text(CompiledRule.Field f, JsonNode frame, JsonNode row) {
    if (f == null) {
      return null;
    }
    JsonNode v = f.value(frame, row);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    return v.isTextual() ? v.textValue() : v.asText();
  }

  private static Integer intValue(CompiledRule.Field f, JsonNode frame, JsonNode row) {
    return f == null ? null : ToolCallAccumulator.intOrNull(f.value(frame, row));
  }
}
