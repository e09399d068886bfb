package dev.ailib.core.internal.tools;

import dev.ailib.api.CallStats;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ChatResult;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.Message;
import dev.ailib.api.Role;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolChoice;
import dev.ailib.api.ToolExecution;
import dev.ailib.api.ToolRound;
import dev.ailib.api.ToolRunOptions;
import dev.ailib.api.ToolRunResult;
import dev.ailib.api.ToolRunStream;
import dev.ailib.api.ToolSet;
import dev.ailib.api.spi.ClientEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs a conversation with tools: a model call per round (through the engine's ordinary execute or stream path,
 * so each is a call with its own resilience and telemetry), then the tool calls it asked for
 * ({@link ToolCallExecutor}), their results appended with the call ids, until the model answers without tool calls
 * or the round limit. A request's {@code REQUIRED} or named tool choice applies to the first round only (it would
 * otherwise force a tool call in every round). Thread-safe.
 */
public final class ToolRunner {
  private static final AtomicLong RUN_IDS = new AtomicLong();

  private final ClientEngine engine;
  private final RoundListener rounds;

  /** Told of every round of every run. */
  @FunctionalInterface
  public interface RoundListener {
    /**
     * A round ended.
     *
     * @param runId the run
     * @param round the round
     */
    void round(long runId, ToolRound round);
  }

  /**
   * Creates the runner of an engine.
   *
   * @param engine runs the model calls
   * @param rounds told of each round (telemetry)
   */
  public ToolRunner(ClientEngine engine, RoundListener rounds) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.rounds = Objects.requireNonNull(rounds, "rounds");
  }

  /**
   * Runs to the end, each model call unstreamed.
   *
   * @param request the request
   * @param sets the tool sets
   * @param options the limits
   * @param cancel cancels the run
   * @return how it ended
   */
  public ToolRunResult run(ChatRequest request, List<ToolSet> sets, ToolRunOptions options, CancelToken cancel) {
    Run run = new Run(request, sets, options);
    try (ToolCallExecutor executor = new ToolCallExecutor(options.maxConcurrentCalls(), options.toolCallTimeout())) {
      while (true) {
        ChatResult r = engine.execute(run.nextRequest(), cancel);
        ToolRunResult end = run.roundEnded(r.response(), r.stats(), executor, cancel, e -> { });
        if (end != null) {
          return end;
        }
      }
    }
  }

  /**
   * Runs with each model call streamed; iterating the result drives the run.
   *
   * @param request the request
   * @param sets the tool sets
   * @param options the limits
   * @param cancel cancels the run
   * @return the run's events
   */
  public ToolRunStream stream(ChatRequest request, List<ToolSet> sets, ToolRunOptions options, CancelToken cancel) {
    Run run = new Run(request, sets, options);
    return new StreamedRun(engine, run, new ToolCallExecutor(options.maxConcurrentCalls(),
        options.toolCallTimeout()), cancel);
  }

  /**
   * The response with an id on every tool call: a wire format without call ids (Gemini's streams) leaves them out,
   * but a result is sent back under its call's id, so each call without one gets a fresh id here.
   */
  static ChatResponse withCallIds(ChatResponse r) {
    if (r.toolCalls().stream().allMatch(c -> c.id() != null && !c.id().isEmpty())) {
      return r;
    }
    List<ToolCall> calls = new ArrayList<>(r.toolCalls().size());
    for (ToolCall c : r.toolCalls()) {
      calls.add(c.id() != null && !c.id().isEmpty() ? c
          : c.withId("call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24)));
    }
    return new ChatResponse(r.content(), calls, r.finishReason(), r.rawFinishReason(), r.usage(), r.model(), r.id(),
        r.requestId(), r.thinking());
  }

  /** The state of one run: the conversation so far, the rounds, the figures. */
  final class Run {
    final long id = RUN_IDS.incrementAndGet();
    final ChatRequest base;
    final ToolBox box;
    final ToolRunOptions options;
    final List<Message> messages;
    final List<ToolRound> done = new ArrayList<>();
    CallStats stats;
    int round;

    Run(ChatRequest request, List<ToolSet> sets, ToolRunOptions options) {
      this.box = ToolBox.of(request.tools(), sets);
      this.options = options;
      this.base = request;
      this.messages = new ArrayList<>(request.messages());
    }

    /** The next round's request. */
    ChatRequest nextRequest() {
      round++;
      ToolChoice choice = base.toolChoice();
      if (round > 1 && choice != null && (choice.mode() == ToolChoice.Mode.REQUIRED
          || choice.mode() == ToolChoice.Mode.TOOL)) {
        choice = null;
      }
      return base.withMessages(messages).withTools(box.definitions(), choice);
    }

    /**
     * The model answered: append its message; run its tool calls unless it is the final answer or the last round.
     *
     * @return how the run ended, or null when it goes on
     */
    ToolRunResult roundEnded(ChatResponse response, CallStats roundStats, ToolCallExecutor executor,
        CancelToken cancel, Consumer<ToolExecution> each) {
      stats = stats == null ? roundStats : stats.plus(roundStats);
      response = withCallIds(response);
      messages.add(response.message());
      if (!response.hasToolCalls() || round >= options.maxRounds()) {
        ToolRound last = new ToolRound(round, response, roundStats, List.of());
        done.add(last);
        rounds.round(id, last);
        return new ToolRunResult(response, messages, done, stats, !response.hasToolCalls());
      }
      List<ToolExecution> executions = executor.run(response.toolCalls(), box, cancel, each);
      List<ContentBlock> results = new ArrayList<>(executions.size());
      for (ToolExecution e : executions) {
        results.add(e.result());
      }
      messages.add(new Message(Role.TOOL, results));
      ToolRound r = new ToolRound(round, response, roundStats, executions);
      done.add(r);
      rounds.round(id, r);
      return null;
    }
  }
}
