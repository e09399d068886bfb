/**
 * A Micrometer Observation bridge for ai-lib calls (GenAI semantic convention names): used by the auto-configuration
 * when the application has an {@code ObservationRegistry} and no {@code OpenTelemetry} bean, and usable on its own
 * with {@code AiClient.builder().telemetry(new ObservationTelemetry(registry))}.
 */
package dev.ailib.spring.boot.autoconfigure.observation;
