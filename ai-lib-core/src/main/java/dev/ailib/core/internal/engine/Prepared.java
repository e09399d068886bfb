package dev.ailib.core.internal.engine;

import dev.ailib.core.internal.codec.EncodeInput;
import dev.ailib.core.internal.codec.WireParam;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.internal.codec.WireCodec;
import dev.ailib.core.internal.structured.StructuredEncoding;
import dev.ailib.core.internal.tokens.LocalTokens;
import dev.ailib.core.internal.tooltext.TextToolPrompt;
import java.util.List;
import java.util.Map;

/**
 * A request checked and encoded for one target, of any operation.
 *
 * @param target the target
 * @param template the request template it is sent with (the target's chat, stream or operation template)
 * @param body the encoded JSON body
 * @param headers headers this request needs besides the template's ({@link WireCodec#requestHeaders})
 */
record Prepared(Target target, RequestTemplate template, byte[] body, Map<String, String> headers) {

  /**
   * Checks capabilities, the model's context window and parameters against the target's manifest, then encodes.
   * Nothing is sent.
   *
   * @param given the request
   * @param target the target
   * @param stream whether the call streams
   * @return the prepared request
   */
  static Prepared of(ChatRequest given, Target target, boolean stream) {
    Operations.requireChat(target); // an embeddings or rerank model, a manifest without chat: E1005, nothing sent
    // a typed answer's output schema becomes this target's mechanism (native schema, forced tool, JSON mode, prompt)
    ChatRequest request = StructuredEncoding.adapt(given, target.manifest());
    // a provider that needs text tool-call instructions gets them with the tools (text_fallback.prompt_level)
    request = TextToolPrompt.adapt(request, target.manifest(), stream);
    CapabilityChecker.check(request, target.manifest(), stream);
    LocalTokens.checkContextWindow(request, target.modelSpec(), target.provider(), target.modelId(),
        target.manifest().source());
    List<WireParam> params = ParameterChecker.check(request, target.manifest(), target.modelSpec());
    if (!request.remoteMcpServers().isEmpty() && !target.codec().encodesRemoteMcpServers()) {
      throw new ProtocolException(StandardErrorCode.REQUEST_TOO_LARGE, "provider '" + target.provider()
          + "' declares native MCP, but its wire format (manifest " + target.manifest().source() + ") has no way "
          + "to carry MCP servers in this runtime"
          + (target.manifest().mcp() != null && target.manifest().mcp().apiEndpoint() != null
              ? " (the manifest names the endpoint " + target.manifest().mcp().apiEndpoint() + ")" : "")
          + "; connect to the servers yourself (ai-lib-mcp's McpToolSet) and pass their tools; the request was not "
          + "sent", null, null);
    }
    EncodeInput input = new EncodeInput(request, target.modelId(), params, stream, target.manifest(),
        target.modelSpec());
    byte[] body = target.codec().encode(input);
    return new Prepared(target, target.template(stream), body, target.codec().requestHeaders(input));
  }

  @Override
  public String toString() {
    return "Prepared[" + target + ", body=" + body.length + " bytes]";
  }
}
