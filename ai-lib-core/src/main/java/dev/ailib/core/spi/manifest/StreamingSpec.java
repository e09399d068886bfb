package dev.ailib.core.spi.manifest;

/**
 * How a provider's stream is decoded and mapped to events. PLACEHOLDER: the streaming work fills in
 * the decoder, frame selector, event-map rules, candidate fan-out, accumulator and stop condition.
 *
 * @param decoderFormat such as {@code sse}, {@code anthropic_sse}, {@code ndjson}, {@code json_array}
 */
public record StreamingSpec(String decoderFormat) {
}
