/**
 * What users program against: {@link dev.ailib.api.AiClient}, the chat request builder, messages and
 * content blocks, tools, responses, {@link dev.ailib.api.StreamingEvent}s, {@link dev.ailib.api.CallStats},
 * {@link dev.ailib.api.CancelToken} and {@link dev.ailib.api.ResilientConfig}.
 */
package dev.ailib.api;
