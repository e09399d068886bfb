/**
 * Resilience policies around attempts: fallback chain, retry, circuit breaker, rate limiter, bulkhead (outermost
 * first), all bounded by the call's one {@link dev.ailib.core.internal.resilience.Deadline}. The engine calls
 * {@link dev.ailib.core.internal.resilience.Resilience#run} with its targets, which implement
 * {@link dev.ailib.core.internal.resilience.Resilience.Target}.
 */
package dev.ailib.core.internal.resilience;
