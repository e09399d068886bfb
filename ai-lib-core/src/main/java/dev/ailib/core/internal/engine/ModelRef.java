package dev.ailib.core.internal.engine;

import dev.ailib.api.error.ProtocolException;

/**
 * A {@code provider/model} name split in two.
 *
 * @param provider the provider id
 * @param model the model id as the provider knows it (may itself contain '/')
 */
record ModelRef(String provider, String model) {

  /**
   * Splits at the first '/'.
   *
   * @param text such as {@code openai/gpt-4o}
   * @return the parts
   */
  static ModelRef parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new ProtocolException("model must be 'provider/model', such as 'openai/gpt-4o', was '" + text + "'");
    }
    return new ModelRef(text.substring(0, slash), text.substring(slash + 1));
  }

  @Override
  public String toString() {
    return provider + "/" + model;
  }
}
