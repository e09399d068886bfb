package dev.ailib.core.spi.manifest;

/**
 * The request/response wire format a manifest declares (v2 {@code api_style} / endpoint {@code adapter},
 * v1 {@code payload_format}). Codecs are chosen by this, never by provider name.
 */
public enum WireStyle {
  /** OpenAI chat completions and every OpenAI-compatible API. */
  OPENAI_CHAT,
  /**
   * The OpenAI Responses API ({@code POST /responses}): {@code instructions}, {@code input} items, typed stream
   * events. Used by OpenAI's models that have no chat-completions endpoint and by Open Responses servers.
   */
  OPENAI_RESPONSES,
  /** Anthropic messages. */
  ANTHROPIC_MESSAGES,
  /** Gemini generateContent / streamGenerateContent. */
  GEMINI_GENERATE_CONTENT,
  /** Cohere's v2 chat API ({@code POST /v2/chat}, its own named-event stream). */
  COHERE_V2,
  /** A format this runtime has no codec for; loading works, chat calls fail with a clear error. */
  UNSUPPORTED
}
