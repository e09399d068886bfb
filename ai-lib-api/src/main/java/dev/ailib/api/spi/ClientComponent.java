package dev.ailib.api.spi;

/**
 * Marks a pluggable part of a client that the API passes through to the engine without knowing it:
 * transports, telemetry listeners, interceptors, protocol sources. The ports that extend this live in
 * ai-lib-core's {@code dev.ailib.core.spi} packages.
 */
public interface ClientComponent {
}
