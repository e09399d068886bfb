package dev.ailib.core.internal.resolve;

import dev.ailib.api.error.ProtocolException;
import java.util.Objects;

/**
 * A {@code provider/model} name split in two, once, when the client is built: everything after the first
 * {@code /} is the model id sent on the wire, so {@code openrouter/meta-llama/llama-3.3-70b} sends
 * {@code meta-llama/llama-3.3-70b}.
 *
 * @param provider the provider id
 * @param model the model id as the provider knows it (may itself contain '/')
 */
public record ModelRef(String provider, String model) {

  /** Checks. */
  public ModelRef {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
  }

  /**
   * Splits at the first '/'.
   *
   * @param text such as {@code openai/gpt-4o}; surrounding blanks are ignored
   * @return the parts
   * @throws ProtocolException when the text is not {@code provider/model}
   */
  public static ModelRef parse(String text) {
    String ref = text == null ? "" : text.strip();
    int slash = ref.indexOf('/');
    if (slash <= 0 || slash == ref.length() - 1) {
      throw new ProtocolException("model must be written 'provider/model', such as 'openai/gpt-4o', was '" + text
          + "'");
    }
    return new ModelRef(ref.substring(0, slash), ref.substring(slash + 1));
  }

  @Override
  public String toString() {
    return provider + "/" + model;
  }
}
