/**
 * What users program against: {@link dev.ailib.api.AiClient}, the chat, embeddings and rerank request builders,
 * {@link dev.ailib.api.Vectors}, messages and content blocks, tools, responses, {@link dev.ailib.api.StreamingEvent}s, {@link dev.ailib.api.CallStats},
 * {@link dev.ailib.api.CancelToken} and {@link dev.ailib.api.ResilientConfig}.
 */
package dev.ailib.api;
