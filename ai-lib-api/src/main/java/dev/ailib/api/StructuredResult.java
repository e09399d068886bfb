package dev.ailib.api;

import dev.ailib.api.internal.Checks;

/**
 * A typed answer with the exchange that produced it.
 *
 * @param value the answer, checked against the schema of its type and bound to it
 * @param json the answer's JSON text as the model produced it (after repair, the repaired one)
 * @param response the last response (the repair's when there was one)
 * @param stats the call's figures, over every request it made (tokens and attempts added up, latency of the
 *     whole), with {@link CallStats#structuredOutput()} set
 * @param repairs how many repair requests were needed (0 when the first answer was valid)
 * @param <T> the answer's type
 */
public record StructuredResult<T>(T value, String json, ChatResponse response, CallStats stats, int repairs) {
  /** Checks the parts are present. */
  public StructuredResult {
    Checks.notNull(json, "json");
    Checks.notNull(response, "response");
    Checks.notNull(stats, "stats");
  }
}
