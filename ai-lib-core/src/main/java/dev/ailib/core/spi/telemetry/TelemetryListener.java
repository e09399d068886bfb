package dev.ailib.core.spi.telemetry;

import dev.ailib.api.ChatResponse;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.Usage;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.spi.ClientComponent;
import dev.ailib.core.spi.transport.HttpHeaders;
import java.time.Duration;

/**
 * Observes calls. Every method has a no-op default. Events of one call arrive in this order:
 * <ol>
 *   <li>{@link #callStart} once, on the caller's thread;</li>
 *   <li>per attempt: {@link #attemptStart}, then {@link #responseHeaders} when headers arrive;
 *       between attempts {@link #retryScheduled} with the delay and the reason;</li>
 *   <li>for streams: {@link #firstChunk} once, then {@link #outputChunk} per content or tool event;</li>
 *   <li>{@link #usage} when usage is known;</li>
 *   <li>exactly one of {@link #callEnd}, {@link #callFailed} or {@link #callCancelled}.</li>
 * </ol>
 * Two optional events carry message content, for listeners that record it on request: {@link #streamEvent} for
 * each event a stream delivers (after {@link #firstChunk} / {@link #outputChunk} for the same event), and
 * {@link #response} once with the complete answer of a non-streaming call, before {@link #callEnd}.
 * A tool run ({@code ChatRequestBuilder.runTools} / {@code streamTools}) is a sequence of such calls, one per round;
 * after each round {@link #toolRound} reports it and the tool calls it ran (with the run's id, to group the rounds).
 * <p>{@link #activate} and {@link #propagateContext} are not events: the engine calls it, on whatever thread works on the call (an attempt's
 * exchange, reading a stream), so that the listener's context (such as a tracing span) is current there; the engine calls
 * {@link #propagateContext} on the caller's thread before it hands a call to another thread.
 * <p>A listener that throws is logged and ignored: it never breaks a call. Listeners must be thread-safe.
 */
public interface TelemetryListener extends ClientComponent {

  /**
   * A call started.
   *
   * @param call the call
   */
  default void callStart(CallInfo call) {
  }

  /**
   * An HTTP attempt starts.
   *
   * @param call the call
   * @param attempt 1 for the first attempt
   * @param provider the provider of this attempt (differs from the call's after a fallback)
   * @param model the model of this attempt
   */
  default void attemptStart(CallInfo call, int attempt, String provider, String model) {
  }

  /**
   * Another attempt will follow after a delay.
   *
   * @param call the call
   * @param nextAttempt the number of the coming attempt
   * @param delay the wait before it
   * @param reason the failure that caused it
   */
  default void retryScheduled(CallInfo call, int nextAttempt, Duration delay, AiLibException reason) {
  }

  /**
   * Response headers arrived.
   *
   * @param call the call
   * @param status the HTTP status
   * @param headers the headers
   */
  default void responseHeaders(CallInfo call, int status, HttpHeaders headers) {
  }

  /**
   * The first content or tool event of a stream reached the pipeline.
   *
   * @param call the call
   * @param sinceStart time since the call started
   */
  default void firstChunk(CallInfo call, Duration sinceStart) {
  }

  /**
   * A content, thinking or tool event of a stream (after the first).
   *
   * @param call the call
   * @param sincePrevious time since the previous such event
   */
  default void outputChunk(CallInfo call, Duration sincePrevious) {
  }

  /**
   * Token usage became known.
   *
   * @param call the call
   * @param usage the usage
   */
  default void usage(CallInfo call, Usage usage) {
  }

  /**
   * The call succeeded.
   *
   * @param call the call
   * @param outcome how it ended
   */
  default void callEnd(CallInfo call, CallOutcome outcome) {
  }

  /**
   * The call failed.
   *
   * @param call the call
   * @param error the classified error
   * @param duration time since the call started
   */
  default void callFailed(CallInfo call, AiLibException error, Duration duration) {
  }

  /**
   * The caller cancelled the call.
   *
   * @param call the call
   * @param duration time since the call started
   */
  default void callCancelled(CallInfo call, Duration duration) {
  }

  /**
   * A streaming call delivered an event to the caller (message content: record it only on request).
   *
   * @param call the call
   * @param event the event
   */
  default void streamEvent(CallInfo call, StreamingEvent event) {
  }

  /**
   * A non-streaming call produced its answer (message content: record it only on request). Comes before
   * {@link #callEnd}.
   *
   * @param call the call
   * @param response the answer
   */
  default void response(CallInfo call, ChatResponse response) {
  }

  /**
   * A round of a tool run ended: the model's call of this round has ended ({@link #callEnd}) and the tool calls it
   * asked for have run (none for the final answer, or when the run stopped at its round limit). Rounds of one run
   * share {@code runId} and come in order, on the thread that drives the run.
   *
   * @param runId unique within the JVM, the same for every round of one run
   * @param round the round: its model answer, figures and tool executions (durations, errors, timeouts)
   */
  default void toolRound(long runId, dev.ailib.api.ToolRound round) {
  }

  /**
   * Makes this listener's context for the call current on the calling thread until the returned scope is closed
   * (on the same thread). Called by the engine after {@link #callStart} around work it does for the call, so that
   * spans of the transport or of interceptors nest under the call's span.
   *
   * @param call the call
   * @return the scope to close, {@link TelemetryScope#NONE} by default
   */
  default TelemetryScope activate(CallInfo call) {
    return TelemetryScope.NONE;
  }

  /**
   * The engine is about to hand work for a call to another thread (an async call, a push stream) and will start
   * the call there. Called on the caller's thread; returns a task that runs {@code task} with the caller's context
   * (such as the current tracing span) restored, so that the call's events nest under it. Not an event.
   *
   * @param task the work to hand off
   * @return the task to run instead, {@code task} itself by default
   */
  default Runnable propagateContext(Runnable task) {
    return task;
  }
}
