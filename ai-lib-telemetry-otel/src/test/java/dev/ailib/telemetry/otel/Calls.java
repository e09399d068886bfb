package dev.ailib.telemetry.otel;

import dev.ailib.api.CallStats;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.Message;
import dev.ailib.api.Usage;
import dev.ailib.core.spi.telemetry.CallInfo;
import dev.ailib.core.spi.telemetry.CallOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Realistic call values for driving the listener the way the engine does. */
final class Calls {
  private static final AtomicLong IDS = new AtomicLong(1000);

  static final ChatRequest REQUEST = new ChatRequest(
      List.of(Message.system("Answer briefly."), Message.user("What is 2+2?")), 0.2, 128, 0.9, List.of("END"),
      List.of(), null, null, Map.of());

  static final Usage USAGE = new Usage(12, 5, 17, 0, 0);

  private Calls() {
  }

  static CallInfo call(String provider, String model, boolean streaming) {
    return new CallInfo(IDS.incrementAndGet(), "chat", provider, model, REQUEST, streaming, "127.0.0.1", 8080);
  }

  static CallOutcome outcome(String model, String id, String finish, Usage usage, long latencyMs, int attempts) {
    CallStats stats = new CallStats(usage.totalTokens(), usage.promptTokens(), usage.completionTokens(), latencyMs,
        -1, model, "openai", attempts);
    return new CallOutcome(model, id, List.of(finish), usage, stats);
  }
}
