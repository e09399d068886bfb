package dev.ailib.core.internal.engine;

import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.FinishReason;
import dev.ailib.core.internal.tooltext.TextToolCallParser;
import dev.ailib.core.internal.tooltext.TextToolCalls;
import dev.ailib.core.spi.manifest.ProviderManifest;

/**
 * Applies the text tool-call fallback to a decoded response when the manifest declares one
 * ({@code capabilities.tool_calling.text_fallback}) and the request offered tools: native tool calls win; without
 * any, the calls the model wrote as markup in its text become the response's tool calls (finish reason
 * {@code tool_use}, the raw finish reason kept) and the markup leaves the content. Other responses pass unchanged.
 * Non-streaming responses only.
 */
final class TextToolCalling {
  private TextToolCalling() {
  }

  static ChatResponse apply(ChatRequest request, ProviderManifest manifest, ChatResponse response) {
    if (manifest.capabilities().textToolFallback() == null || request.tools().isEmpty() || response.hasToolCalls()) {
      return response;
    }
    TextToolCalls parsed = TextToolCallParser.lenient().parseHybrid(response.content(), response.toolCalls());
    if (parsed.calls().isEmpty()) {
      return response;
    }
    return new ChatResponse(parsed.remainingText(), parsed.calls(), FinishReason.TOOL_USE, response.rawFinishReason(),
        response.usage(), response.model(), response.id(), response.requestId(), response.thinking());
  }
}
