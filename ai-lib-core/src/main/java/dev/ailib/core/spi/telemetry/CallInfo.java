package dev.ailib.core.spi.telemetry;

import dev.ailib.api.ChatRequest;
import dev.ailib.api.OperationRequest;

/**
 * The call an event belongs to.
 *
 * @param callId unique within the JVM
 * @param operation {@code chat}, {@code embeddings} or {@code rerank} (the GenAI conventions' operation names where
 *     they have one; {@code rerank} is ai-lib's own)
 * @param provider the provider id
 * @param model the requested model id, without provider prefix
 * @param request the chat request (holds message content: opt-in to record it), null for other operations
 * @param streaming whether the call streams
 * @param serverAddress the host of the provider endpoint
 * @param serverPort the port of the provider endpoint
 * @param input the request of any operation: the {@link ChatRequest} of a chat call, the
 *     {@link dev.ailib.api.EmbeddingRequest} or {@link dev.ailib.api.RerankRequest} of the others (texts: opt-in to
 *     record them)
 */
public record CallInfo(long callId, String operation, String provider, String model, ChatRequest request,
    boolean streaming, String serverAddress, int serverPort, OperationRequest input) {

  /**
   * The call info of a chat call, as earlier releases built it; {@link #input()} is the chat request.
   *
   * @param callId unique within the JVM
   * @param operation such as {@code chat}
   * @param provider the provider id
   * @param model the requested model id
   * @param request the chat request
   * @param streaming whether the call streams
   * @param serverAddress the host of the provider endpoint
   * @param serverPort the port of the provider endpoint
   */
  public CallInfo(long callId, String operation, String provider, String model, ChatRequest request,
      boolean streaming, String serverAddress, int serverPort) {
    this(callId, operation, provider, model, request, streaming, serverAddress, serverPort, request);
  }
}
