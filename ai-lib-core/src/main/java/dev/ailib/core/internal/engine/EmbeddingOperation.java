package dev.ailib.core.internal.engine;

import dev.ailib.api.EmbeddingRequest;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.internal.codec.EmbeddingAnswer;
import dev.ailib.core.internal.codec.EmbeddingCodec;
import dev.ailib.core.internal.codec.EmbeddingInput;
import dev.ailib.core.internal.codec.WireParam;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.OperationSpec;
import dev.ailib.core.spi.transport.TransportResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The embeddings operation: how one batch is checked and encoded for a target, and how its answer is read. The
 * settings are checked against the target's manifest before anything is sent: the endpoint must be declared and
 * served by the model ({@link Operations#require}); the input type is mapped to the provider's value (the
 * manifest's {@code input_types}, else the format's own) and refused when the provider has none for it, or when the
 * provider needs one and none is set; a provider without any input type field embeds every use the same way, so a
 * set type changes nothing there; the dimensions go under the manifest's {@code wire_names.dimensions}, else the
 * format's name, and are range-checked when the manifest declares a {@code dimensions} parameter; other parameters
 * are checked like chat's and sent under their provider names.
 */
final class EmbeddingOperation {
  private EmbeddingOperation() {
  }

  /**
   * The most inputs one request may carry on every target of a call (the smallest limit), so a batch fits whichever
   * target serves it.
   *
   * @param targets the targets that serve embeddings
   * @return the batch size
   */
  static int batchSize(List<Target> targets) {
    int min = Integer.MAX_VALUE;
    for (Target t : targets) {
      OperationSpec spec = t.manifest().endpoint().operation(EndpointSpec.EMBEDDINGS);
      min = Math.min(min, EmbeddingCodec.forStyle(spec.style()).maxInputs(spec));
    }
    return min;
  }

  /**
   * Checks and encodes one batch for a target.
   *
   * @param batch the batch (at most {@link #batchSize} inputs)
   * @param target the target
   * @return the prepared request
   * @throws ProtocolException when the target does not serve embeddings (E1005) or a setting does not suit it
   */
  static Prepared prepare(EmbeddingRequest batch, Target target) {
    OperationSpec spec = Operations.require(target, EndpointSpec.EMBEDDINGS);
    EmbeddingCodec codec = EmbeddingCodec.forStyle(spec.style());
    String typeField = spec.wireNames().getOrDefault("input_type", codec.inputTypeField());
    Map<String, String> types = spec.inputTypes().isEmpty() ? codec.inputTypes() : spec.inputTypes();
    String type = null;
    if (batch.inputType() != null) {
      if (typeField != null) {
        type = types.get(batch.inputType().wireName());
        if (type == null) {
          throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "provider '" + target.provider()
              + "' has no embeddings input type for " + batch.inputType() + " (manifest "
              + target.manifest().source() + "); it has " + names(types) + "; the request was not sent", null, null);
        }
      }
    } else if (typeField != null && (codec.requiresInputType() || spec.inputTypeRequired())) {
      throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "provider '" + target.provider()
          + "' needs an input type for embeddings (its models embed queries and documents differently; manifest "
          + target.manifest().source() + "): call inputType(EmbeddingInputType.DOCUMENT) for texts to store and "
          + "search, QUERY for search queries (it has " + names(types) + "); the request was not sent", null, null);
    }
    if (batch.dimensions() != null) {
      ParameterChecker.checkOne(target.manifest(), "dimensions", batch.dimensions());
    }
    List<WireParam> params = new ArrayList<>(batch.extraParams().size());
    batch.extraParams().forEach((name, value) -> params.add(ParameterChecker.checkOne(target.manifest(), name,
        value)));
    byte[] body = codec.encode(new EmbeddingInput(batch.inputs(), target.modelId(), batch.dimensions(),
        spec.wireNames().getOrDefault("dimensions", codec.dimensionsField()), type, typeField, params));
    return new Prepared(target, target.operationTemplate(codec.path(spec, batch.inputs().size())), body, Map.of());
  }

  /**
   * Reads the answer of one batch.
   *
   * @param response the response
   * @param prepared what was sent
   * @param batch the batch
   * @return the vectors in input order
   */
  static EmbeddingAnswer read(TransportResponse response, Prepared prepared, EmbeddingRequest batch) {
    Target target = prepared.target();
    OperationSpec spec = target.manifest().endpoint().operation(EndpointSpec.EMBEDDINGS);
    return EmbeddingCodec.forStyle(spec.style()).decode(response.body(), target.manifest(), batch.inputs().size());
  }

  private static String names(Map<String, String> types) {
    return types.isEmpty() ? "none" : "types for " + new TreeSet<>(types.keySet());
  }
}
