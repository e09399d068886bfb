package dev.ailib.core.internal.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Optional;

/**
 * The BPE encodings jtokkit ships ({@code o200k_base}, {@code cl100k_base}, {@code p50k_base}, {@code r50k_base}),
 * loaded once per JVM when first used (the lazy registry parses an encoding's ranks on first request; o200k_base's
 * take a few hundred milliseconds). jtokkit implements tiktoken's encodings; ai-lib does not tokenize itself.
 */
final class Tokenizers {
  /** The encoding estimates use: the one of OpenAI's current models, close for most other current models. */
  static final String ESTIMATE_ENCODING = "o200k_base";

  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

  private Tokenizers() {
  }

  /**
   * An encoding by name.
   *
   * @param name such as {@code o200k_base}
   * @return the encoding, or empty when jtokkit has none of that name
   */
  static Optional<Encoding> byName(String name) {
    return REGISTRY.getEncoding(name);
  }

  /** The estimate's encoding. */
  static Encoding estimate() {
    return REGISTRY.getEncoding(EncodingType.O200K_BASE);
  }
}
