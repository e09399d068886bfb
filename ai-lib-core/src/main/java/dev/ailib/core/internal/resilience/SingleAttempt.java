package dev.ailib.core.internal.resilience;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.CancelledException;
import java.util.List;

/** No resilience: one attempt on the primary target. A stand-in until the policies land; also used in tests. */
public final class SingleAttempt implements Resilience {

  @Override
  public <T> Outcome<T> run(List<Target> targets, CancellableAttemptRunner<T> runner, CancelToken cancel,
      AttemptObserver observer) {
    if (cancel.isCancelled()) {
      throw new CancelledException("call cancelled before its first attempt");
    }
    Target target = targets.get(0);
    observer.attemptStart(target, 1);
    return new Outcome<>(runner.attempt(target, 1, cancel), target, 1);
  }
}
