/**
 * The telemetry port: a call listener with no-op defaults and a documented event order, in the manner of
 * OkHttp's EventListener. Adapter: ai-lib-telemetry-otel.
 */
package dev.ailib.core.spi.telemetry;
