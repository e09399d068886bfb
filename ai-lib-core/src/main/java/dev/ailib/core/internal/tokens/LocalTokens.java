package dev.ailib.core.internal.tokens;

import com.knuddels.jtokkit.api.Encoding;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.TokenCount;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.ModelSpec;
import java.util.Optional;

/**
 * Counts a request's input tokens on this machine and refuses, before sending, a request that cannot fit the
 * model's context window. The model's tokenizer is the one its manifest names ({@code metadata.models.<id>.tokenizer},
 * ai-lib's field: {@code o200k_base} for OpenAI's GPT-4o, GPT-4.1, GPT-5 and o-series models, {@code cl100k_base} for
 * GPT-4 and GPT-3.5); with one jtokkit has, the count is {@link TokenCount.Method#TOKENIZER}; otherwise it is an
 * {@link TokenCount.Method#ESTIMATE} with {@code o200k_base}. Both follow OpenAI's chat format overhead
 * ({@link ChatFormatCount}).
 *
 * <p>The check costs almost nothing for the usual request: the UTF-8 length of the request's text bounds its tokens
 * from above, and only a request whose bound exceeds the window is tokenized.
 */
public final class LocalTokens {
  private LocalTokens() {
  }

  /**
   * Counts a request for a model.
   *
   * @param request the request as it would be sent (typed-answer instructions included)
   * @param model the model's metadata, or null when its manifest does not list it
   * @param modelId the model id
   * @return the count
   */
  public static TokenCount count(ChatRequest request, ModelSpec model, String modelId) {
    String named = model == null ? null : model.tokenizer();
    Optional<Encoding> own = named == null ? Optional.empty() : Tokenizers.byName(named);
    Encoding enc = own.orElseGet(Tokenizers::estimate);
    ChatFormatCount.Result r = ChatFormatCount.count(request, enc::countTokensOrdinary, functionStart(enc));
    StringBuilder detail = new StringBuilder();
    if (own.isPresent()) {
      detail.append(named).append(" (the model's tokenizer, from its manifest) with OpenAI's chat format overhead");
    } else {
      detail.append("estimated with ").append(Tokenizers.ESTIMATE_ENCODING).append(" and OpenAI's chat format "
          + "overhead: ").append(named == null ? "the manifest names no tokenizer for this model"
          : "the tokenizer '" + named + "' the manifest names is not available here")
          .append("; the provider's own count may differ");
    }
    if (!r.approximated().isEmpty()) {
      detail.append("; approximated: ").append(String.join(", ", r.approximated()));
    }
    if (!r.uncounted().isEmpty()) {
      detail.append("; not counted: ").append(String.join(", ", r.uncounted()));
    }
    return new TokenCount(r.tokens(), own.isPresent() ? TokenCount.Method.TOKENIZER : TokenCount.Method.ESTIMATE,
        detail.toString(), model == null ? null : model.contextWindow(), modelId);
  }

  /**
   * Refuses a request whose input cannot fit the model's context window ({@code context_window}, input tokens),
   * before anything is sent. Nothing is checked when the manifest states no window.
   *
   * @param request the request as it would be sent
   * @param model the model's metadata, or null
   * @param provider the provider id, for the message
   * @param modelId the model id
   * @param source the manifest's source, for the message
   * @throws ProtocolException {@code request_too_large} (E1005) with the count, the window and how it was counted
   */
  public static void checkContextWindow(ChatRequest request, ModelSpec model, String provider, String modelId,
      String source) {
    if (model == null || model.contextWindow() == null) {
      return;
    }
    long window = model.contextWindow();
    // a byte-level BPE token is at least one byte: below the window in bytes, the request fits whatever the tokenizer
    if (ChatFormatCount.upperBound(request) <= window) {
      return;
    }
    TokenCount c = count(request, model, modelId);
    if (c.inputTokens() > window) {
      throw new ProtocolException(StandardErrorCode.REQUEST_TOO_LARGE, "the request's input is " + c.inputTokens()
          + " tokens, more than the context window of " + window + " tokens of model '" + modelId + "' of provider '"
          + provider + "' (manifest " + source + ")" + (request.maxTokens() != null ? ", before the "
          + request.maxTokens() + " output tokens asked for" : "") + "; counted " + (c.method()
          == TokenCount.Method.TOKENIZER ? "with " : "") + c.detail() + "; the request was not sent", null, null);
    }
  }

  /** OpenAI's tokens per function definition: 10 for cl100k_base models, 7 for o200k_base and later ones. */
  private static int functionStart(Encoding enc) {
    return "cl100k_base".equals(enc.getName()) ? ChatFormatCount.CL100K_FUNCTION_START : 7;
  }
}
