package dev.ailib.core.internal.engine;

import dev.ailib.api.CallStats;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Flow.Publisher} of a streamed answer: each subscription starts its own call (an {@link AsyncStream}) at
 * the first {@code request(n)} and delivers no more events than requested: without demand the stream stops
 * reading the body, so the HTTP body is read no faster than the subscriber asks. {@code cancel()} aborts the
 * exchange. Signals come from the stream's drain, one at a time. Errors end with {@code onError} (not also as
 * StreamError events); a {@code request(n)} with {@code n <= 0} ends the subscription with an
 * {@link IllegalArgumentException} (Reactive Streams rule 3.9).
 */
final class EventPublisher implements Flow.Publisher<StreamingEvent> {
  private final DefaultEngine engine;
  private final ChatRequest request;

  EventPublisher(DefaultEngine engine, ChatRequest request) {
    this.engine = engine;
    this.request = request;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super StreamingEvent> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    subscriber.onSubscribe(new Subscription(subscriber));
  }

  private final class Subscription implements Flow.Subscription, AsyncStream.Sink {
    private final Flow.Subscriber<? super StreamingEvent> subscriber;
    private final CancelToken token = new CancelToken();
    private final AtomicLong demand = new AtomicLong();
    private final Object startLock = new Object();
    private AsyncStream stream; // guarded by startLock
    private boolean started; // guarded by startLock
    private volatile boolean terminated;
    private volatile IllegalArgumentException badRequest;

    Subscription(Flow.Subscriber<? super StreamingEvent> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (terminated) {
        return;
      }
      if (n <= 0) {
        badRequest = new IllegalArgumentException("request(n) needs n > 0, was " + n + " (rule 3.9)");
        boolean running;
        synchronized (startLock) {
          running = started;
          started = true;
        }
        if (running) {
          token.cancel(); // the stream's drain ends it and signals the error
        } else {
          terminated = true;
          subscriber.onError(badRequest);
        }
        return;
      }
      demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      AsyncStream s;
      boolean start = false;
      synchronized (startLock) {
        if (!started) {
          started = true;
          start = true;
        }
        s = stream;
      }
      if (start) {
        AsyncStream created = AsyncStream.start(engine, request, token, this);
        synchronized (startLock) {
          stream = created;
        }
        if (created != null) {
          created.signal(); // demand that came while it started found no stream to tell
        }
      } else if (s != null) {
        s.signal();
      }
    }

    @Override
    public void cancel() {
      terminated = true;
      token.cancel();
    }

    @Override
    public boolean ready() {
      return !terminated && demand.get() > 0;
    }

    @Override
    public void next(StreamingEvent event) {
      demand.getAndUpdate(d -> d == Long.MAX_VALUE ? d : d - 1);
      subscriber.onNext(event);
    }

    @Override
    public void complete(CallStats stats) {
      if (!terminated) {
        terminated = true;
        subscriber.onComplete();
      }
    }

    @Override
    public void error(AiLibException error, boolean receiverFailed) {
      IllegalArgumentException bad = badRequest;
      if (bad != null && !terminated) {
        terminated = true;
        subscriber.onError(bad);
        return;
      }
      if (!terminated) {
        terminated = true;
        subscriber.onError(error);
      }
    }
  }
}
