/**
 * The streaming pipeline: bytes from the transport become frames (SSE, NDJSON, JSON array decoders), frames
 * become {@link dev.ailib.api.StreamingEvent}s through the manifest's event map, with a per-stream tool-call
 * accumulator, usage merging, finish-reason mapping and error-frame classification.
 *
 * <p>Entry point: {@link dev.ailib.core.internal.stream.StreamPipeline#create} once per manifest (immutable,
 * thread-safe), then {@link dev.ailib.core.internal.stream.StreamPipeline#newSession()} once per stream. A
 * session holds all per-stream state and is used by one thread at a time.
 */
package dev.ailib.core.internal.stream;
