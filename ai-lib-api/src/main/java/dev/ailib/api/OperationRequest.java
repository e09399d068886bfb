package dev.ailib.api;

/**
 * A request of one of the operations a client runs: a chat call, an embeddings call or a rerank call. Telemetry
 * listeners receive it with each call ({@code CallInfo.input()}) and tell the operations apart by type.
 */
public sealed interface OperationRequest permits ChatRequest, EmbeddingRequest, RerankRequest {
}
