package dev.ailib.core.spi.telemetry;

import dev.ailib.api.ChatRequest;

/**
 * The call an event belongs to.
 *
 * @param callId unique within the JVM
 * @param operation such as {@code chat}
 * @param provider the provider id
 * @param model the requested model id, without provider prefix
 * @param request the request (holds message content: opt-in to record it)
 * @param streaming whether the call streams
 * @param serverAddress the host of the provider endpoint
 * @param serverPort the port of the provider endpoint
 */
public record CallInfo(long callId, String operation, String provider, String model, ChatRequest request,
    boolean streaming, String serverAddress, int serverPort) {
}
