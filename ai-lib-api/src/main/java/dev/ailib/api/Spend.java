package dev.ailib.api;

import java.time.Instant;
import java.util.Objects;

/**
 * What one call spent, as reported to {@link SpendListener}s once the call has ended.
 *
 * @param tag the request's tag ({@link ChatRequestBuilder#tag(String)}, such as a tenant id), or null
 * @param provider the provider that served the call
 * @param model the model that served the call, without provider prefix
 * @param usage the tokens the provider reported
 * @param cost the call's cost, or unknown
 * @param at when the call ended, on the client's clock
 * @param completed whether the call completed (false: a stream closed, cancelled or failed after usage was reported)
 */
public record Spend(String tag, String provider, String model, Usage usage, Cost cost, Instant at,
    boolean completed) {

  /** Checks the values. */
  public Spend {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(at, "at");
  }
}
