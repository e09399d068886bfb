/**
 * Resilience policies around attempts: fallback chain, retry, circuit breaker, rate limiter, bulkhead, timeout
 * (outermost first). The engine calls {@link dev.ailib.core.internal.resilience.Resilience#run}.
 */
package dev.ailib.core.internal.resilience;
