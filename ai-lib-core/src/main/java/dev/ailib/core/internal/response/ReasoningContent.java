package dev.ailib.core.internal.response;

/**
 * Reasoning that an OpenAI-compatible API returned as the message's {@code reasoning_content} and that the same API
 * needs back: DeepSeek's thinking mode answers HTTP 400 when an assistant message that called tools comes back
 * without its {@code reasoning_content}. A {@code Thinking} block read from that field is signed with this marker
 * (the field and the provider that wrote it), and the chat-completions codec sends its text back as
 * {@code reasoning_content} only on assistant messages with tool calls and only to that provider: OpenAI itself
 * returns no such field and refuses unknown message fields, so a block carried to another provider (a fallback) is
 * dropped there, like every other wire format drops it. The marker starts with <code>{</code>, as
 * {@link ReasoningItems} expects of ai-lib's own signature forms. Stateless.
 */
public final class ReasoningContent {
  private static final String PREFIX = "{\"type\":\"reasoning_content\",\"provider\":";

  private ReasoningContent() {
  }

  /**
   * The signature of reasoning a provider returned as {@code reasoning_content}.
   *
   * @param provider the provider id
   * @return the signature
   */
  public static String signature(String provider) {
    return PREFIX + dev.ailib.core.internal.json.CoreJson.NODES.textNode(provider) + "}";
  }

  /** Whether a block's signature marks reasoning that this provider returned as {@code reasoning_content}. */
  public static boolean isFrom(String signature, String provider) {
    return signature != null && provider != null && signature.equals(signature(provider));
  }
}
