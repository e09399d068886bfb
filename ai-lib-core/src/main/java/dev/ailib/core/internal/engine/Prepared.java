package dev.ailib.core.internal.engine;

import dev.ailib.core.internal.codec.EncodeInput;
import dev.ailib.core.internal.codec.WireParam;
import dev.ailib.api.ChatRequest;
import dev.ailib.core.internal.structured.StructuredEncoding;
import java.util.List;

/**
 * A request checked and encoded for one target.
 *
 * @param target the target
 * @param body the encoded JSON body
 */
record Prepared(Target target, byte[] body) {

  /**
   * Checks capabilities and parameters against the target's manifest, then encodes. Nothing is sent.
   *
   * @param given the request
   * @param target the target
   * @param stream whether the call streams
   * @return the prepared request
   */
  static Prepared of(ChatRequest given, Target target, boolean stream) {
    // a typed answer's output schema becomes this target's mechanism (native schema, forced tool, JSON mode, prompt)
    ChatRequest request = StructuredEncoding.adapt(given, target.manifest());
    CapabilityChecker.check(request, target.manifest(), stream);
    List<WireParam> params = ParameterChecker.check(request, target.manifest(), target.modelSpec());
    byte[] body = target.codec().encode(new EncodeInput(request, target.modelId(), params, stream,
        target.manifest(), target.modelSpec()));
    return new Prepared(target, body);
  }

  @Override
  public String toString() {
    return "Prepared[" + target + ", body=" + body.length + " bytes]";
  }
}
