/**
 * Wire-format codecs: turn a {@link dev.ailib.api.ChatRequest} into a provider's request body and a provider's
 * non-streaming response body into a {@link dev.ailib.api.ChatResponse}. One codec per
 * {@link dev.ailib.core.spi.manifest.WireStyle}; chosen by what the manifest declares, never by provider name.
 */
package dev.ailib.core.internal.codec;
