/**
 * Counting a request's tokens without sending it: {@link dev.ailib.core.internal.tokens.LocalTokens} counts with the
 * model's tokenizer (jtokkit's {@code o200k_base}, {@code cl100k_base}, ... as the manifest names it) or estimates,
 * following OpenAI's documented chat format overhead ({@link dev.ailib.core.internal.tokens.ChatFormatCount}), and
 * refuses a request that cannot fit the model's context window before it is sent.
 */
package dev.ailib.core.internal.tokens;
