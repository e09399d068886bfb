/**
 * Reads provider answers, the same way for {@code execute()} and {@code stream()}: one error classifier
 * ({@link dev.ailib.core.internal.response.ErrorClassifier}, HTTP error bodies and in-stream error frames, giving a
 * {@link dev.ailib.core.internal.response.ProviderError} value), one finish-reason mapping
 * ({@link dev.ailib.core.internal.response.FinishReasons}), one usage reader
 * ({@link dev.ailib.core.internal.response.UsageReader}, with {@link dev.ailib.core.internal.response.UsageMerger}
 * for usage a stream sends in pieces), {@code Retry-After} from headers and error bodies
 * ({@link dev.ailib.core.internal.response.RetryAfter}), request ids
 * ({@link dev.ailib.core.internal.response.RequestIds}), the bounded-memory parse of non-streaming bodies
 * ({@link dev.ailib.core.internal.response.AnswerParser}) and the errors of malformed answers
 * ({@link dev.ailib.core.internal.response.Answers}). Every text that leaves the library about an answer goes
 * through the call's {@link dev.ailib.core.internal.response.Redactor} before it is cut.
 *
 * <p>The codecs ({@code internal.codec}), the stream pipeline ({@code internal.stream}) and the engine use this
 * package; it uses none of them.
 */
package dev.ailib.core.internal.response;
