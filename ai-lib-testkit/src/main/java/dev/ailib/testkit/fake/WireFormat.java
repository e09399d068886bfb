package dev.ailib.testkit.fake;

import java.util.Optional;

/** The wire formats a {@link FakeProvider} speaks, chosen by the request path. */
public enum WireFormat {
  /** OpenAI chat completions: {@code POST {prefix}/chat/completions}. Also every OpenAI-compatible API. */
  OPENAI_CHAT,
  /** The OpenAI Responses API: {@code POST {prefix}/responses}; also Open Responses servers. */
  OPENAI_RESPONSES,
  /** Anthropic messages: {@code POST {prefix}/messages}; token counts at {@code {prefix}/messages/count_tokens}. */
  ANTHROPIC_MESSAGES,
  /**
   * Gemini: {@code POST {prefix}/models/{model}:generateContent} and
   * {@code :streamGenerateContent} (SSE with {@code alt=sse}, else a streamed JSON array); token counts at
   * {@code :countTokens}.
   */
  GEMINI,
  /** Cohere's v2 chat: {@code POST {prefix}/chat} (the real API's is {@code /v2/chat}), JSON or its named-event SSE. */
  COHERE_V2;

  /** The format that serves this request path, if any. */
  public static Optional<WireFormat> forPath(String path) {
    if (path.endsWith("/messages/count_tokens")) {
      return Optional.of(ANTHROPIC_MESSAGES);
    }
    if (path.endsWith("/chat/completions")) {
      return Optional.of(OPENAI_CHAT);
    }
    if (path.endsWith("/responses")) {
      return Optional.of(OPENAI_RESPONSES);
    }
    if (path.endsWith("/chat")) {
      return Optional.of(COHERE_V2);
    }
    if (path.endsWith("/messages")) {
      return Optional.of(ANTHROPIC_MESSAGES);
    }
    int models = path.lastIndexOf("/models/");
    if (models >= 0 && (path.endsWith(":generateContent") || path.endsWith(":streamGenerateContent")
        || path.endsWith(":countTokens"))) {
      return Optional.of(GEMINI);
    }
    return Optional.empty();
  }

  /** Whether a request path is a token-counting endpoint (Anthropic's or Gemini's). */
  public static boolean isTokenCount(String path) {
    return path.endsWith("/messages/count_tokens") || (path.contains("/models/") && path.endsWith(":countTokens"));
  }
}
