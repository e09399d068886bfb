/**
 * OpenTelemetry for ai-lib calls, following the OpenTelemetry GenAI semantic conventions: {@link
 * dev.ailib.telemetry.otel.OtelTelemetry} turns the engine's telemetry events into a CLIENT span per call and the
 * {@code gen_ai.client.*} histograms. Message content is recorded only when asked for.
 */
package dev.ailib.telemetry.otel;
