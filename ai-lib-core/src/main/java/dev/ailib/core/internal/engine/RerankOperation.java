package dev.ailib.core.internal.engine;

import dev.ailib.api.RerankRequest;
import dev.ailib.core.internal.codec.RerankAnswer;
import dev.ailib.core.internal.codec.RerankCodec;
import dev.ailib.core.internal.codec.RerankInput;
import dev.ailib.core.internal.codec.WireParam;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.OperationSpec;
import dev.ailib.core.spi.transport.TransportResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rerank operation: how a request is checked and encoded for a target, and how its answer is read. The endpoint
 * must be declared and served by the model ({@link Operations#require}); {@code topN} is checked against the
 * manifest's {@code top_n} parameter (the AI-Protocol manifests declare its range) and sent under its provider name;
 * other parameters are checked like chat's.
 */
final class RerankOperation {
  private RerankOperation() {
  }

  /**
   * Checks and encodes the request for a target.
   *
   * @param request the request
   * @param target the target
   * @return the prepared request
   * @throws dev.ailib.api.error.ProtocolException when the target does not serve rerank (E1005) or a setting does
   *     not suit it
   */
  static Prepared prepare(RerankRequest request, Target target) {
    OperationSpec spec = Operations.require(target, EndpointSpec.RERANK);
    RerankCodec codec = RerankCodec.forStyle(spec.style());
    String topNField = codec.topNField();
    if (request.topN() != null) {
      WireParam p = ParameterChecker.checkOne(target.manifest(), "top_n", request.topN());
      if (p.wireName() != null) {
        topNField = p.wireName();
      }
    }
    List<WireParam> params = new ArrayList<>(request.extraParams().size());
    request.extraParams().forEach((name, value) -> params.add(ParameterChecker.checkOne(target.manifest(), name,
        value)));
    byte[] body = codec.encode(new RerankInput(request.query(), request.documents(), target.modelId(),
        request.topN(), topNField, params));
    return new Prepared(target, target.operationTemplate(spec.path()), body, Map.of());
  }

  /**
   * Reads the answer.
   *
   * @param response the response
   * @param prepared what was sent
   * @param request the request
   * @return the ranking
   */
  static RerankAnswer read(TransportResponse response, Prepared prepared, RerankRequest request) {
    Target target = prepared.target();
    OperationSpec spec = target.manifest().endpoint().operation(EndpointSpec.RERANK);
    return RerankCodec.forStyle(spec.style()).decode(response.body(), target.manifest(), request.documents());
  }
}
