package dev.ailib.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable embeddings request, as built by {@link EmbeddingRequestBuilder}. Optional settings are null when not
 * given; the provider's defaults then apply.
 *
 * @param inputs the texts to embed, in order (at least one; none null or empty)
 * @param dimensions the number of dimensions each vector should have, or null for the model's own
 * @param inputType what the texts are for, or null
 * @param extraParams provider extras by the provider's own parameter name, sent as given
 */
public record EmbeddingRequest(List<String> inputs, Integer dimensions, EmbeddingInputType inputType,
    Map<String, Object> extraParams) implements OperationRequest {

  /**
   * Checks and copies.
   *
   * @throws IllegalArgumentException when there is no input, an input is empty, or {@code dimensions} is below 1
   * @throws NullPointerException when {@code inputs} or one of them is null
   */
  public EmbeddingRequest {
    inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("an embeddings request needs at least one input: call input(...) or "
          + "inputs(...)");
    }
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).isEmpty()) {
        throw new IllegalArgumentException("input " + i + " of the embeddings request is empty; providers refuse "
            + "empty texts");
      }
    }
    if (dimensions != null && dimensions < 1) {
      throw new IllegalArgumentException("dimensions must be at least 1, got " + dimensions);
    }
    extraParams = extraParams == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraParams));
  }

  /**
   * The same request for a part of the inputs (one batch).
   *
   * @param from the first input, inclusive
   * @param to the last input, exclusive
   * @return the request for {@code inputs[from, to)}
   */
  public EmbeddingRequest slice(int from, int to) {
    if (from == 0 && to == inputs.size()) {
      return this;
    }
    return new EmbeddingRequest(inputs.subList(from, to), dimensions, inputType, extraParams);
  }

  @Override
  public String toString() {
    return "EmbeddingRequest[inputs=" + inputs.size() + ", dimensions=" + dimensions + ", inputType=" + inputType
        + ", extraParams=" + extraParams.keySet() + "]";
  }
}
