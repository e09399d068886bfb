package dev.ailib.it.resilience;

import dev.ailib.api.AiClient;
import dev.ailib.api.AiClientBuilder;
import dev.ailib.api.ChatResult;
import dev.ailib.api.ChatStream;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.telemetry.CallInfo;
import dev.ailib.core.spi.telemetry.TelemetryListener;
import dev.ailib.testkit.fake.FakeProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A FakeProvider, manual time, a recording telemetry listener, and the three ways of making a call. Clients use
 * the manifests bundled in ai-lib-protocol-yaml ({@link #MODEL} is one the bundled openai manifest lists).
 */
final class Harness implements AutoCloseable {
  static final String MODEL = "openai/gpt-4o";

  final FakeProvider fake;
  final ManualTime time = new ManualTime();
  final Recorder telemetry = new Recorder();

  Harness() {
    this(FakeProvider.start());
  }

  Harness(FakeProvider fake) {
    this.fake = fake;
  }

  AiClientBuilder builder(ResilientConfig config) {
    return AiClient.builder()
        .model(MODEL)
        .baseUrl(fake.baseUrl() + "/v1")
        .apiKey("sk-test")
        .resilience(config)
        .component(time)
        // a fixed environment: the host's AI_LIB_* variables must not change these tests
        .component(Environment.of(Map.of("ANTHROPIC_API_KEY", "sk-test-anthropic")))
        .telemetry(telemetry);
  }

  AiClient client(ResilientConfig config) {
    return builder(config).build();
  }

  @Override
  public void close() {
    fake.close();
  }

  /** The three call paths; each returns the text and the stats, or throws the call's exception. */
  enum Path3 {
    SYNC, ASYNC, STREAM;

    Result call(AiClient client) {
      switch (this) {
        case SYNC: {
          ChatResult r = client.chat().user("hi").executeWithStats();
          return new Result(r.response().content(), r.stats());
        }
        case ASYNC: {
          try {
            ChatResult r = client.chat().user("hi").executeAsync().get(30, TimeUnit.SECONDS);
            return new Result(r.response().content(), r.stats());
          } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
              throw re;
            }
            throw new AssertionError(e.getCause());
          } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("async call did not end within 30 s", e);
          }
        }
        default: {
          StringBuilder text = new StringBuilder();
          try (ChatStream stream = client.chat().user("hi").stream()) {
            int n = 0;
            for (StreamingEvent event : stream) {
              if (event instanceof StreamingEvent.ContentDelta d) {
                text.append(d.text());
              } else if (event instanceof StreamingEvent.StreamError e) {
                throw e.error();
              }
              if (++n > 10_000) {
                throw new AssertionError("stream did not end after 10000 events");
              }
            }
            return new Result(text.toString(), stream.stats().orElseThrow());
          }
        }
      }
    }
  }

  /** A call's text and stats. */
  record Result(String text, dev.ailib.api.CallStats stats) {
  }

  /** Records the resilience-related telemetry events. */
  static final class Recorder implements TelemetryListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void attemptStart(CallInfo call, int attempt, String provider, String model) {
      events.add("attempt " + attempt + " " + provider + "/" + model);
    }

    @Override
    public void retryScheduled(CallInfo call, int nextAttempt, Duration delay, AiLibException reason) {
      events.add("retry " + nextAttempt + " after " + delay + " (" + reason.errorType().wireName() + ")");
    }

    List<String> snapshot() {
      synchronized (events) {
        return List.copyOf(events);
      }
    }
  }
}
