package dev.ailib.core.internal.engine;

import dev.ailib.api.CallStats;
import dev.ailib.api.CancelToken;
import dev.ailib.api.Embedding;
import dev.ailib.api.EmbeddingRequest;
import dev.ailib.api.EmbeddingResponse;
import dev.ailib.api.Usage;
import dev.ailib.core.internal.codec.EmbeddingAnswer;
import dev.ailib.core.internal.resilience.Resilience;
import dev.ailib.core.internal.response.Answers;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.telemetry.CallOutcome;
import dev.ailib.core.spi.telemetry.TelemetryScope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs embeddings calls: one call (one deadline, one telemetry call) whose inputs go out in batches of at most the
 * targets' limit, one after the other, each through the shared {@link Attempts} path (retries, breaker, limiter,
 * bulkhead, fallback), their vectors put back in input order.
 *
 * <p>The chain of a call is the client's models that serve embeddings (the primary must, else the call is refused
 * with E1005 before anything is sent). The first batch may fall back along it; the model that serves the first
 * batch serves all the others (retried, never falling back), because vectors of two models are not comparable: a
 * response never mixes them.
 */
final class EmbeddingCalls {
  private final DefaultEngine engine;

  EmbeddingCalls(DefaultEngine engine) {
    this.engine = engine;
  }

  /** A checked call: its first batch's plan, the batch size and the request. */
  private record Work(EmbeddingRequest request, CallPlan<EmbeddingRequest> first, int batchSize) {
  }

  EmbeddingResponse execute(EmbeddingRequest request, CancelToken cancel) {
    DefaultEngine.Started<Work> s = start(request, cancel);
    return run(s.work(), s.scope());
  }

  CompletableFuture<EmbeddingResponse> executeAsync(EmbeddingRequest request, CancelToken cancel) {
    return engine.async(cancel, () -> start(request, cancel), s -> run(s.work(), s.scope()));
  }

  /** Resolves the chain, checks and encodes the first batch for the primary model, then starts the call. */
  private DefaultEngine.Started<Work> start(EmbeddingRequest request, CancelToken cancel) {
    List<Target> chain = engine.chain();
    Target primary = chain.get(0);
    Operations.require(primary, EndpointSpec.EMBEDDINGS);
    List<Target> targets = new ArrayList<>(chain.size());
    targets.add(primary);
    for (Target t : chain.subList(1, chain.size())) {
      if (Operations.serves(t, EndpointSpec.EMBEDDINGS)) {
        targets.add(t);
      }
    }
    engine.checkBudgets(targets, true);
    int batchSize = EmbeddingOperation.batchSize(targets);
    EmbeddingRequest firstBatch = request.slice(0, Math.min(batchSize, request.inputs().size()));
    Prepared first = EmbeddingOperation.prepare(firstBatch, primary);
    CallPlan<EmbeddingRequest> plan = new CallPlan<>(firstBatch, EmbeddingOperation::prepare, first,
        List.copyOf(targets));
    CallScope scope = engine.calls().begin(EndpointSpec.EMBEDDINGS, request, null, primary, false, cancel);
    return new DefaultEngine.Started<>(new Work(request, plan, batchSize), scope);
  }

  private EmbeddingResponse run(Work work, CallScope scope) {
    try (TelemetryScope ignored = engine.listeners().activate(scope.info)) {
      EmbeddingRequest request = work.request();
      int n = request.inputs().size();
      List<Embedding> vectors = new ArrayList<>(n);
      Usage usage = Usage.EMPTY;
      int attempts = 0;
      Target served = null;
      String model = null;
      CallPlan<EmbeddingRequest> plan = work.first();
      for (int from = 0; from < n; from += work.batchSize()) {
        if (from > 0) {
          EmbeddingRequest batch = request.slice(from, Math.min(from + work.batchSize(), n));
          plan = new CallPlan<>(batch, EmbeddingOperation::prepare, EmbeddingOperation.prepare(batch, served),
              List.of(served));
        }
        Resilience.Outcome<EmbeddingAnswer, Target> o = engine.attempts().run(scope, plan, EmbeddingOperation::read,
            attempts);
        attempts += o.attempts();
        served = o.target();
        EmbeddingAnswer answer = o.value();
        int dims = vectors.isEmpty() ? -1 : vectors.get(0).dimensions();
        for (int i = 0; i < answer.vectors().size(); i++) {
          float[] v = answer.vectors().get(i);
          if (dims >= 0 && v.length != dims) {
            throw served.redactor().apply(Answers.malformed(served.provider(), "the vectors of input " + (from + i)
                + " have " + v.length + " numbers where those of input 0 have " + dims, null));
          }
          vectors.add(new Embedding(from + i, v));
        }
        usage = plus(usage, answer.usage());
        if (model == null) {
          model = answer.model();
        }
      }
      long latency = scope.elapsed().toMillis();
      CallStats stats = new CallStats(usage.totalTokens(), usage.promptTokens(), usage.completionTokens(), latency,
          -1, served.model(), served.provider(), attempts).withCost(served.cost(usage));
      if (!usage.equals(Usage.EMPTY)) {
        engine.listeners().usage(scope.info, usage);
      }
      engine.spent(scope, served, usage, stats.cost(), true);
      String answered = model != null ? model : served.modelId();
      engine.listeners().callEnd(scope.info, new CallOutcome(answered, null, List.of(), usage, stats));
      return new EmbeddingResponse(vectors, answered, usage, stats);
    } catch (Throwable t) {
      throw engine.fail(scope, t);
    } finally {
      scope.close();
    }
  }

  /** The usage of two batches together. */
  static Usage plus(Usage a, Usage b) {
    if (b.equals(Usage.EMPTY)) {
      return a;
    }
    if (a.equals(Usage.EMPTY)) {
      return b;
    }
    return new Usage(a.promptTokens() + b.promptTokens(), a.completionTokens() + b.completionTokens(),
        a.totalTokens() + b.totalTokens(), a.reasoningTokens() + b.reasoningTokens(),
        a.cachedTokens() + b.cachedTokens(), a.cacheWriteTokens() + b.cacheWriteTokens());
  }
}
