package dev.ailib.core.internal.codec;

import java.util.List;
import java.util.Objects;

/**
 * What an embeddings codec encodes: one batch, with every setting already checked against the manifest and named as
 * the provider names it.
 *
 * @param inputs the texts of this batch, in order
 * @param modelId the model id as the provider knows it
 * @param dimensions the number of dimensions asked for, or null
 * @param dimensionsField the request field that carries it (the manifest's name, else the codec's own)
 * @param inputType the provider's value of the input type, or null
 * @param inputTypeField the request field that carries it, or null when the provider has none
 * @param params the caller's other parameters, checked, with their wire names
 */
public record EmbeddingInput(List<String> inputs, String modelId, Integer dimensions, String dimensionsField,
    String inputType, String inputTypeField, List<WireParam> params) {

  /** Checks and copies. */
  public EmbeddingInput {
    inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
    Objects.requireNonNull(modelId, "modelId");
    params = List.copyOf(params == null ? List.of() : params);
  }
}
