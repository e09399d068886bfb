package dev.ailib.core.internal.engine;

import dev.ailib.api.CallStats;
import dev.ailib.api.CancelToken;
import dev.ailib.api.RerankRequest;
import dev.ailib.api.RerankResponse;
import dev.ailib.api.Usage;
import dev.ailib.core.internal.codec.RerankAnswer;
import dev.ailib.core.internal.resilience.Resilience;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.telemetry.CallOutcome;
import dev.ailib.core.spi.telemetry.TelemetryScope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs rerank calls: one request through the shared {@link Attempts} path, over the client's models that serve
 * rerank (the primary must, else the call is refused with E1005 before anything is sent). The telemetry operation
 * name is {@code rerank}, ai-lib's own (the GenAI conventions name none for it).
 */
final class RerankCalls {
  private final DefaultEngine engine;

  RerankCalls(DefaultEngine engine) {
    this.engine = engine;
  }

  RerankResponse execute(RerankRequest request, CancelToken cancel) {
    DefaultEngine.Started<CallPlan<RerankRequest>> s = start(request, cancel);
    return run(s.work(), s.scope());
  }

  CompletableFuture<RerankResponse> executeAsync(RerankRequest request, CancelToken cancel) {
    return engine.async(cancel, () -> start(request, cancel), s -> run(s.work(), s.scope()));
  }

  private DefaultEngine.Started<CallPlan<RerankRequest>> start(RerankRequest request, CancelToken cancel) {
    List<Target> chain = engine.chain();
    Target primary = chain.get(0);
    Prepared first = RerankOperation.prepare(request, primary);
    List<Target> targets = new ArrayList<>(chain.size());
    targets.add(primary);
    for (Target t : chain.subList(1, chain.size())) {
      if (Operations.serves(t, EndpointSpec.RERANK)) {
        targets.add(t);
      }
    }
    engine.checkBudgets(targets, true);
    CallPlan<RerankRequest> plan = new CallPlan<>(request, RerankOperation::prepare, first, List.copyOf(targets));
    CallScope scope = engine.calls().begin(EndpointSpec.RERANK, request, null, primary, false, cancel);
    return new DefaultEngine.Started<>(plan, scope);
  }

  private RerankResponse run(CallPlan<RerankRequest> plan, CallScope scope) {
    try (TelemetryScope ignored = engine.listeners().activate(scope.info)) {
      Resilience.Outcome<RerankAnswer, Target> o = engine.attempts().run(scope, plan, RerankOperation::read, 0);
      RerankAnswer answer = o.value();
      Usage usage = answer.usage();
      // priced by its input tokens where the manifest has a price and the provider reports tokens (Jina); a
      // provider that bills search units (Cohere) reports none, so the cost is unknown
      CallStats stats = new CallStats(usage.totalTokens(), usage.promptTokens(), usage.completionTokens(),
          scope.elapsed().toMillis(), -1, o.target().model(), o.target().provider(), o.attempts())
          .withCost(o.target().cost(usage));
      if (!usage.equals(Usage.EMPTY)) {
        engine.listeners().usage(scope.info, usage);
      }
      engine.spent(scope, o.target(), usage, stats.cost(), true);
      String model = answer.model() != null ? answer.model() : o.target().modelId();
      engine.listeners().callEnd(scope.info, new CallOutcome(model, null, List.of(), usage, stats));
      return new RerankResponse(answer.results(), model, usage, answer.searchUnits(), stats);
    } catch (Throwable t) {
      throw engine.fail(scope, t);
    } finally {
      scope.close();
    }
  }
}
