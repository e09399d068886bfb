package dev.ailib.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CancelTokenTest {

  @Test
  void cancelRunsActionsOnceAndIsIdempotent() {
    CancelToken token = new CancelToken();
    AtomicInteger runs = new AtomicInteger();
    token.onCancel(runs::incrementAndGet);
    token.cancel();
    token.cancel();
    assertThat(token.isCancelled()).isTrue();
    assertThat(runs).hasValue(1);
  }

  @Test
  void actionRegisteredAfterCancelRunsAtOnce() {
    CancelToken token = new CancelToken();
    token.cancel();
    AtomicInteger runs = new AtomicInteger();
    token.onCancel(runs::incrementAndGet);
    assertThat(runs).hasValue(1);
  }

  @Test
  void closedRegistrationDoesNotRun() {
    CancelToken token = new CancelToken();
    AtomicInteger runs = new AtomicInteger();
    token.onCancel(runs::incrementAndGet).close();
    token.cancel();
    assertThat(runs).hasValue(0);
  }

  @Test
  void failingActionDoesNotStopOthers() {
    CancelToken token = new CancelToken();
    AtomicInteger runs = new AtomicInteger();
    token.onCancel(() -> {
      throw new IllegalStateException("boom");
    });
    token.onCancel(runs::incrementAndGet);
    token.cancel();
    assertThat(runs).hasValue(1);
  }

  @Test
  void cancelFromAnotherThreadIsSeen() throws InterruptedException {
    CancelToken token = new CancelToken();
    Thread t = new Thread(token::cancel);
    t.start();
    t.join(5_000);
    assertThat(token.isCancelled()).isTrue();
  }
}
