package dev.ailib.core.internal.resilience;

import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.RetryPolicySpec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Shared test helpers: targets, errors, scripted attempt runners and a recording observer. */
final class Fixtures {
  static final Resilience.Target PRIMARY = new TestTarget("p1", "m1", "http://one.test", null);
  static final Resilience.Target SECOND = new TestTarget("p2", "m2", "http://two.test", null);
  /** The whole-call timeout of the tests' calls unless a test says otherwise (the default of the builder). */
  static final Duration CALL_TIMEOUT = Duration.ofMinutes(10);

  /** A target of the tests. */
  record TestTarget(String provider, String model, String endpointKey, RetryPolicySpec retryPolicy)
      implements Resilience.Target {
  }

  private Fixtures() {
  }

  static RemoteException http(int status) {
    return http(status, null);
  }

  static RemoteException http(int status, Duration retryAfter) {
    return new RemoteException(StandardErrorCode.fromHttpStatus(status), "HTTP " + status, status, null, null,
        retryAfter);
  }

  static TransportException transport(TransportException.Kind kind) {
    return new TransportException(kind, "transport " + kind, null);
  }

  /** The deadline of a call starting now on {@code time}, with the default whole-call timeout. */
  static Deadline deadline(ManualTime time) {
    return Deadline.after(CALL_TIMEOUT, time);
  }

  static FailsafeResilience resilience(ResilientConfig config, ManualTime time) {
    return resilience(config, time, () -> 0.5);
  }

  static FailsafeResilience resilience(ResilientConfig config, ManualTime time,
      java.util.function.DoubleSupplier random) {
    ResilienceSettings settings = ResilienceSettings.resolve(config, null, Environment.of(Map.of()));
    return new FailsafeResilience(settings, time, time, random);
  }

  /** Answers attempts from a script: an exception to throw or a value to return, in order. */
  static final class Script implements Resilience.AttemptRunner<String, Resilience.Target> {
    private final Deque<Object> steps = new ArrayDeque<>();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    Script then(Object step) {
      steps.add(step);
      return this;
    }

    Script times(int n, Object step) {
      for (int i = 0; i < n; i++) {
        steps.add(step);
      }
      return this;
    }

    @Override
    public synchronized String attempt(Resilience.Target target, int attempt) {
      calls.add(target.model() + "#" + attempt);
      Object step = steps.isEmpty() ? "ok" : steps.poll();
      if (step instanceof AiLibException e) {
        throw e;
      }
      if (step instanceof Supplier<?> s) {
        Object v = s.get();
        if (v instanceof AiLibException e) {
          throw e;
        }
        return String.valueOf(v);
      }
      return String.valueOf(step);
    }
  }

  /** Records what the policies report. */
  static final class Recorder implements Resilience.AttemptObserver<Resilience.Target> {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<Duration> delays = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void attemptStart(Resilience.Target target, int attempt) {
      events.add("start " + target.model() + " #" + attempt);
    }

    @Override
    public void retryScheduled(int nextAttempt, Duration delay, AiLibException reason) {
      events.add("retry #" + nextAttempt + " after " + delay + " because " + reason.errorType().wireName());
      delays.add(delay);
    }
  }
}
