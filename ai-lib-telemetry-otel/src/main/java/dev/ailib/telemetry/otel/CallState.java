package dev.ailib.telemetry.otel;

import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolCall;
import dev.ailib.api.Usage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * What the adapter keeps about one call in flight: its span, the context holding it, the attributes its metrics
 * share, and what later events need. Events of one call may come from several threads, so mutation is synchronized.
 */
final class CallState {
  final Span span;
  final Context context;
  final Attributes metricAttributes;
  final long startNanos;
  /** Whether the operation has output tokens (chat); embeddings and rerank have input tokens only. */
  final boolean outputTokens;
  private final boolean accumulateOutput;

  private int attempts;
  private Usage usage;
  private StringBuilder outputText;
  private List<ToolCall> outputToolCalls;
  private String streamFinishReason;

  CallState(Span span, Context context, Attributes metricAttributes, long startNanos, boolean accumulateOutput) {
    this(span, context, metricAttributes, startNanos, accumulateOutput, true);
  }

  CallState(Span span, Context context, Attributes metricAttributes, long startNanos, boolean accumulateOutput,
      boolean outputTokens) {
    this.outputTokens = outputTokens;
    this.span = span;
    this.context = context;
    this.metricAttributes = metricAttributes;
    this.startNanos = startNanos;
    this.accumulateOutput = accumulateOutput;
  }

  synchronized void attemptStarted(int attempt) {
    attempts = Math.max(attempts, attempt);
  }

  synchronized int attempts() {
    return attempts;
  }

  synchronized void usage(Usage value) {
    usage = value;
  }

  synchronized Usage usage() {
    return usage;
  }

  boolean accumulatesOutput() {
    return accumulateOutput;
  }

  /** Collects a stream's answer (only when content is recorded). */
  synchronized void streamEvent(StreamingEvent event) {
    if (!accumulateOutput) {
      return;
    }
    if (event instanceof StreamingEvent.ContentDelta delta && delta.candidate() == 0) {
      if (outputText == null) {
        outputText = new StringBuilder();
      }
      outputText.append(delta.text());
    } else if (event instanceof StreamingEvent.ToolCallEnded ended && ended.candidate() == 0) {
      if (outputToolCalls == null) {
        outputToolCalls = new ArrayList<>();
      }
      outputToolCalls.add(ended.call());
    } else if (event instanceof StreamingEvent.StreamEnd end && end.candidate() == 0 && end.finishReason() != null) {
      streamFinishReason = end.finishReason().wireName();
    }
  }

  /** The stream's answer in the conventions' JSON, or null when nothing was collected. */
  synchronized String streamedOutputJson(String finishReason) {
    if (outputText == null && outputToolCalls == null && streamFinishReason == null) {
      return null;
    }
    return MessageJson.outputMessage(outputText == null ? "" : outputText.toString(),
        outputToolCalls == null ? List.of() : outputToolCalls, finishReason != null ? finishReason : streamFinishReason);
  }
}
