package dev.ailib.core.internal.engine;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatStream;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.StandardErrorCode;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Flow.Publisher} of a streamed answer: each subscription starts its own call on the engine's pool at the
 * first {@code request(n)}, delivers no more events than requested (the reading thread waits for demand, so the
 * HTTP body is read no faster than the subscriber asks), and {@code cancel()} aborts the exchange. Errors end with
 * {@code onError} (not also as StreamError events).
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

  private final class Subscription implements Flow.Subscription {
    private final Flow.Subscriber<? super StreamingEvent> subscriber;
    private final CancelToken token = new CancelToken();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition demanded = lock.newCondition();
    private long demand;
    private boolean started;
    private boolean terminated;

    Subscription(Flow.Subscriber<? super StreamingEvent> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      boolean start = false;
      lock.lock();
      try {
        if (terminated) {
          return;
        }
        if (n <= 0) {
          terminated = true;
        } else {
          demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
          start = !started;
          started = true;
          demanded.signalAll();
        }
      } finally {
        lock.unlock();
      }
      if (n <= 0) {
        token.cancel();
        subscriber.onError(new IllegalArgumentException("request(n) needs n > 0, was " + n + " (rule 3.9)"));
        return;
      }
      if (start) {
        engine.submit(this::run, this::signalError);
      }
    }

    @Override
    public void cancel() {
      lock.lock();
      try {
        terminated = true;
        demanded.signalAll();
      } finally {
        lock.unlock();
      }
      token.cancel();
    }

    private void run() {
      try (ChatStream stream = engine.stream(request, token)) {
        Iterator<StreamingEvent> it = stream.iterator();
        while (it.hasNext()) {
          StreamingEvent e = it.next();
          if (e instanceof StreamingEvent.StreamError) {
            continue; // thrown by the next hasNext()
          }
          if (!awaitDemand()) {
            return;
          }
          subscriber.onNext(e);
        }
        if (terminate()) {
          subscriber.onComplete();
        }
      } catch (AiLibException e) {
        signalError(e);
      } catch (RuntimeException e) {
        signalError(new AiLibException(StandardErrorCode.UNKNOWN, "stream failed: " + e.getClass().getName(), e));
      }
    }

    /** Waits until the subscriber wants an event; false when it cancelled. */
    private boolean awaitDemand() {
      lock.lock();
      try {
        while (demand == 0 && !terminated) {
          try {
            demanded.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminated = true;
            token.cancel();
          }
        }
        if (terminated) {
          return false;
        }
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        return true;
      } finally {
        lock.unlock();
      }
    }

    private boolean terminate() {
      lock.lock();
      try {
        if (terminated) {
          return false;
        }
        terminated = true;
        return true;
      } finally {
        lock.unlock();
      }
    }

    private void signalError(AiLibException e) {
      if (terminate()) {
        subscriber.onError(e);
      }
    }
  }
}
