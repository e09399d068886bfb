package dev.ailib.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.Message;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.ResponseFormat;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.Timeouts;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.Usage;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.internal.codec.EncodeInput;
import dev.ailib.core.internal.codec.WireCodec;
import dev.ailib.core.internal.codec.WireParam;
import dev.ailib.core.internal.engine.AdvancedCapability;
import dev.ailib.core.internal.engine.AuthAttachment;
import dev.ailib.core.internal.engine.McpIntegration;
import dev.ailib.core.internal.engine.ParameterChecker;
import dev.ailib.core.internal.engine.CapabilityGuard;
import dev.ailib.core.internal.engine.OperationEndpoint;
import dev.ailib.core.internal.resilience.FallbackDecision;
import dev.ailib.core.internal.tooltext.TextToolCallParser;
import dev.ailib.core.internal.tooltext.TextToolPrompt;
import dev.ailib.core.internal.tooltext.TextToolCalls;
import dev.ailib.core.internal.resilience.ResilienceSettings;
import dev.ailib.core.internal.resilience.RetryDecision;
import dev.ailib.core.internal.resilience.RetrySettings;
import dev.ailib.core.internal.resolve.Credential;
import dev.ailib.core.internal.resolve.CredentialResolver;
import dev.ailib.core.internal.response.ErrorClassifier;
import dev.ailib.core.internal.response.Redactor;
import dev.ailib.core.internal.stream.DecoderLimits;
import dev.ailib.core.internal.stream.Frame;
import dev.ailib.core.internal.stream.FrameDecoder;
import dev.ailib.core.internal.stream.StreamPipeline;
import dev.ailib.core.internal.stream.StreamSession;
import dev.ailib.core.internal.stream.ToolCallAccumulator;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.DocumentMapping;
import dev.ailib.core.spi.manifest.ProviderContract;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.RetryPolicySpec;
import dev.ailib.core.spi.manifest.StreamingSpec;
import dev.ailib.protocol.yaml.ContractLoader;
import dev.ailib.protocol.yaml.ManifestLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opentest4j.TestAbortedException;

/**
 * Runs each case type through the library's production entry points and renders what they produce in the case's
 * vocabulary. Rendering only: every answer (classification, frames, events, assembled calls, credentials, loading
 * verdicts) comes from library code.
 */
final class CaseHandlers {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private CaseHandlers() {
  }

  static Outcome run(ComplianceCase c) throws IOException {
    switch (c.type()) {
      case "protocol_loading":
        return protocolLoading(c);
      case "error_classification":
        return errorClassification(c);
      case "stream_decode":
        return c.input().has("raw_chunks") ? streamDecode(c) : streamEvents(c);
      case "event_mapping":
        return eventMapping(c);
      case "tool_accumulation":
        return toolAccumulation(c);
      case "capability_check":
        return capabilityCheck(c);
      case "credential_resolution":
        return credentialResolution(c);
      case "message_building":
        return messageBuilding(c);
      case "request_building":
        return requestBuilding(c);
      case "response_parsing":
        return responseParsing(c);
      case "capability_guard":
        return capabilityGuard(c);
      case "advanced_endpoint_mapping":
        return endpointMapping(c);
      case "text_tool_parse":
      case "text_tool_hybrid":
        return textToolCalls(c);
      case "content_block_encode":
        return contentBlockEncode(c);
      case "parameter_mapping":
        return parameterMapping(c);
      case "retry_decision":
        return retryDecision(c);
      case "fallback_decision":
        return fallbackDecision(c);
      case "auth_attachment":
        return authAttachment(c);
      case "provider_mock_behavior":
        return ProviderMockBehavior.run(c);
      case "text_tool_prompt":
        return textToolPrompt(c);
      default:
        throw notYet(c.type());
    }
  }

  static TestAbortedException notYet(String what) {
    return new TestAbortedException(what + ": not supported yet");
  }

  // ---- protocol loading: ai-lib-protocol-yaml ManifestLoader

  private static Outcome protocolLoading(ComplianceCase c) throws IOException {
    if (c.input().has("contract_path") || c.input().has("contract_fragment")) {
      return contractLoading(c);
    }
    ObjectNode a = F.objectNode();
    String diagnostic = null;
    try {
      ProviderManifest m = ManifestLoader.create().load(c.manifestPath()).manifest();
      a.put("valid", true);
      a.set("errors", F.arrayNode());
      a.put("provider_id", m.id());
      a.put("protocol_version", m.protocolVersion());
      a.put("runtime_deserialize", true);
    } catch (AiLibException e) {
      a.put("valid", false);
      a.set("errors", F.arrayNode().add(e.getMessage()));
      a.put("runtime_deserialize", false);
      diagnostic = e.getMessage();
    }
    return new Outcome(a, diagnostic);
  }

  // ---- provider contracts: ai-lib-protocol-yaml ContractLoader

  private static Outcome contractLoading(ComplianceCase c) throws IOException {
    ObjectNode a = F.objectNode();
    String diagnostic = null;
    try {
      DocumentMapping d;
      if (c.input().has("contract_path")) {
        ProviderContract contract = ContractLoader.create().load(c.protocolDir().resolve(
            c.input().get("contract_path").asText()));
        a.put("provider_id", contract.providerId());
        d = contract.document();
      } else {
        d = ContractLoader.create().parseDocumentMapping(c.displayName() + ".json",
            JSON.writeValueAsBytes(c.input().get("contract_fragment")));
      }
      a.put("valid", true);
      a.set("errors", F.arrayNode());
      if (d != null) {
        a.putObject("document_mapping").put("format", d.format()).put("ref_resolution", d.refResolution());
      }
      ArrayNode allowed = a.putArray("ref_resolution_allowed");
      DocumentMapping.REF_RESOLUTIONS.forEach(allowed::add);
    } catch (AiLibException e) {
      a.put("valid", false);
      a.set("errors", F.arrayNode().add(e.getMessage()));
      diagnostic = e.getMessage();
    }
    return new Outcome(a, diagnostic);
  }

  private static ProviderManifest manifest(ComplianceCase c) {
    Path p = c.manifestPath();
    if (p == null) {
      throw new IllegalStateException(c.displayName() + ": the case names no manifest");
    }
    return ManifestLoader.create().load(p).manifest();
  }

  // ---- error classification: core ErrorClassifier with the manifest's classification

  private static Outcome errorClassification(ComplianceCase c) {
    ProviderManifest m = manifest(c);
    RemoteException e = ErrorClassifier.classify(c.input().get("response_body"),
        c.input().path("http_status").asInt(-1), m.errors()).toException("provider '" + m.id() + "'", Redactor.NONE);
    ObjectNode a = F.objectNode();
    StandardErrorCode code = e.errorType();
    a.put("valid", true);
    a.put("error_code", code.code());
    a.put("error_name", code.wireName());
    a.put("error_type", code.wireName());
    a.put("retryable", e.retryable());
    a.put("fallbackable", e.fallbackable());
    return new Outcome(a, e.getMessage());
  }

  // ---- stream decoding: core FrameDecoder (raw chunks) or the whole pipeline (SSE events)

  private static Outcome streamDecode(ComplianceCase c) {
    JsonNode cfg = c.input().path("decoder_config");
    FrameDecoder d = FrameDecoder.create(new StreamingSpec.DecoderSpec(cfg.path("format").asText("sse"),
        cfg.path("strategy").asText(null), cfg.path("prefix").asText(null), cfg.path("delimiter").asText(null),
        cfg.path("done_signal").asText(null)), DecoderLimits.DEFAULT);
    List<Frame> frames = new ArrayList<>();
    boolean completed;
    String diagnostic = null;
    try {
      for (JsonNode chunk : c.input().get("raw_chunks")) {
        byte[] b = chunk.asText().getBytes(StandardCharsets.UTF_8);
        d.feed(b, 0, b.length, frames::add);
      }
      d.end(frames::add);
      completed = true;
    } catch (AiLibException e) {
      completed = false;
      diagnostic = e.getMessage();
    }
    ObjectNode a = F.objectNode();
    ArrayNode events = a.putArray("events");
    for (Frame f : frames) {
      ObjectNode ev = events.addObject();
      ev.put("type", "frame");
      ev.put("has_content", f.json().size() > 0);
      ev.set("data", f.json());
      if (f.event() != null) {
        ev.put("event", f.event());
      }
    }
    a.put("frame_count", frames.size());
    a.put("completed", completed);
    a.put("done_received", d.doneReceived());
    return new Outcome(a, diagnostic);
  }

  private static Outcome streamEvents(ComplianceCase c) {
    ProviderManifest m = manifest(c);
    StreamPipeline p = StreamPipeline.create(m.streaming(), m.errors(), m.termination());
    StringBuilder body = new StringBuilder();
    for (JsonNode e : c.input().get("events")) {
      body.append(e.asText()).append("\n\n");
    }
    StreamSession s = p.newSession();
    List<StreamingEvent> events = new ArrayList<>();
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    s.onBytes(bytes, 0, bytes.length, events::add);
    s.finish(events::add);
    ObjectNode a = F.objectNode();
    boolean valid = events.stream().noneMatch(StreamingEvent::isStreamError);
    a.put("valid", valid);
    ArrayNode calls = a.putArray("accumulated_tool_calls");
    ArrayNode blocks = a.putArray("content_blocks");
    String lastType = null;
    StringBuilder text = null;
    for (StreamingEvent e : events) {
      String type = e instanceof StreamingEvent.ThinkingDelta ? "thinking"
          : e instanceof StreamingEvent.ContentDelta ? "text" : null;
      if (type != null) {
        if (!type.equals(lastType)) {
          flushBlock(blocks, lastType, text);
          lastType = type;
          text = new StringBuilder();
        }
        text.append(type.equals("text") ? e.asContentDelta().text() : e.asThinkingDelta().text());
      }
      if (e instanceof StreamingEvent.ToolCallEnded) {
        ToolCall t = e.asToolCallEnded().call();
        ObjectNode call = calls.addObject();
        call.put("id", t.id());
        call.put("type", "function");
        call.putObject("function").put("name", t.name()).put("arguments", t.argumentsJson());
      }
      if (e instanceof StreamingEvent.UsageReport) {
        a.set("usage", usage(e.asUsageReport().usage()));
      }
      if (e instanceof StreamingEvent.StreamEnd) {
        StreamingEvent.StreamEnd end = e.asStreamEnd();
        a.put("finish_reason", end.rawFinishReason() != null ? end.rawFinishReason() : end.finishReason().wireName());
        a.put("finish_reason_canonical", end.finishReason().wireName());
      }
    }
    flushBlock(blocks, lastType, text);
    String diagnostic = events.stream().filter(StreamingEvent::isStreamError)
        .map(e -> e.asStreamError().error().getMessage()).findFirst().orElse(null);
    return new Outcome(a, diagnostic);
  }

  private static void flushBlock(ArrayNode blocks, String type, StringBuilder text) {
    if (type != null) {
      blocks.addObject().put("type", type).put("content", text.toString());
    }
  }

  static ObjectNode usage(Usage u) {
    ObjectNode n = F.objectNode();
    n.put("prompt_tokens", u.promptTokens());
    n.put("completion_tokens", u.completionTokens());
    n.put("total_tokens", u.totalTokens());
    if (u.reasoningTokens() > 0) {
      n.put("reasoning_tokens", u.reasoningTokens());
    }
    if (u.cachedTokens() > 0) {
      n.put("cached_tokens", u.cachedTokens());
    }
    return n;
  }

  // ---- event mapping: the case's event_map loaded by the production loader, frames through the pipeline

  private static Outcome eventMapping(ComplianceCase c) throws IOException {
    ObjectNode tree = (ObjectNode) YAML.readTree(c.manifestPath().toFile());
    ObjectNode streaming = tree.has("streaming") ? (ObjectNode) tree.get("streaming") : tree.putObject("streaming");
    streaming.set("event_map", c.input().get("event_map"));
    byte[] yaml = YAML.writeValueAsBytes(tree);
    ProviderManifest m = ManifestLoader.create().parse(c.displayName() + ".yaml", yaml).manifest();
    StreamSession s = StreamPipeline.create(m.streaming(), m.errors(), m.termination()).newSession();
    List<StreamingEvent> events = new ArrayList<>();
    for (JsonNode frame : c.input().get("frames")) {
      s.onFrame(Frame.of(frame), events::add);
    }
    s.finish(events::add);
    ObjectNode a = F.objectNode();
    ArrayNode rendered = a.putArray("events");
    Map<String, String> names = new HashMap<>();
    for (StreamingEvent e : events) {
      ObjectNode r = F.objectNode();
      if (e instanceof StreamingEvent.ContentDelta) {
        r.put("type", "PartialContentDelta").put("content", e.asContentDelta().text())
            .put("candidate", e.asContentDelta().candidate());
      } else if (e instanceof StreamingEvent.ThinkingDelta) {
        r.put("type", "ThinkingDelta").put("thinking", e.asThinkingDelta().text());
      } else if (e instanceof StreamingEvent.ToolCallStarted) {
        StreamingEvent.ToolCallStarted t = e.asToolCallStarted();
        names.put(t.candidate() + "/" + t.index(), t.name());
        r.put("type", "ToolCallStarted").put("index", t.index()).put("id", t.id()).put("name", t.name());
      } else if (e instanceof StreamingEvent.PartialToolCall) {
        StreamingEvent.PartialToolCall t = e.asPartialToolCall();
        r.put("type", "PartialToolCall");
        ObjectNode call = r.putArray("tool_calls").addObject();
        call.put("index", t.index()).put("id", t.id()).put("type", "function");
        call.putObject("function").put("name", names.get(t.candidate() + "/" + t.index()))
            .put("arguments", t.argumentsDelta());
      } else if (e instanceof StreamingEvent.ToolCallEnded) {
        StreamingEvent.ToolCallEnded t = e.asToolCallEnded();
        r.put("type", "ToolCallEnded").put("index", t.index()).put("id", t.call().id()).put("name", t.call().name())
            .put("arguments", t.call().argumentsJson());
      } else if (e instanceof StreamingEvent.UsageReport) {
        r.put("type", "UsageReport").set("usage", usage(e.asUsageReport().usage()));
      } else if (e instanceof StreamingEvent.StreamEnd) {
        StreamingEvent.StreamEnd end = e.asStreamEnd();
        r.put("type", "StreamEnd")
            .put("finish_reason", end.rawFinishReason() != null ? end.rawFinishReason() : end.finishReason().wireName())
            .put("finish_reason_canonical", end.finishReason().wireName());
      } else if (e instanceof StreamingEvent.StreamError) {
        r.put("type", "StreamError").put("error_code", e.asStreamError().error().errorType().code())
            .put("message", e.asStreamError().error().getMessage());
      }
      rendered.add(r);
    }
    // the terminal event a finish() adds when the frames stop mid-stream is not part of the mapped sequence
    int count = rendered.size();
    if (count > 0 && "StreamError".equals(rendered.get(count - 1).path("type").asText())
        && events.get(events.size() - 1).asStreamError().error() instanceof dev.ailib.api.error.TransportException) {
      count--;
    }
    a.put("event_count", count);
    return new Outcome(a, null);
  }

  // ---- tool accumulation: core ToolCallAccumulator

  private static Outcome toolAccumulation(ComplianceCase c) {
    boolean stateful = c.input().path("accumulator_config").path("stateful_tool_parsing").asBoolean(true);
    ToolCallAccumulator acc = new ToolCallAccumulator(true);
    List<StreamingEvent> events = new ArrayList<>();
    for (JsonNode chunk : c.input().get("partial_chunks")) {
      acc.fragment(0, chunk, events::add);
    }
    acc.flushAll(events::add);
    ObjectNode a = F.objectNode();
    ArrayNode calls = a.putArray("assembled_tool_calls");
    boolean complete = stateful;
    for (StreamingEvent e : events) {
      if (e instanceof StreamingEvent.ToolCallEnded) {
        StreamingEvent.ToolCallEnded t = e.asToolCallEnded();
        ObjectNode call = calls.addObject();
        call.put("index", t.index()).put("id", t.call().id()).put("type", "function");
        call.putObject("function").put("name", t.call().name()).put("arguments", t.call().argumentsJson());
        try {
          t.call().arguments();
        } catch (dev.ailib.api.error.StructuredOutputException notJson) {
          complete = false;
        }
      }
    }
    a.put("complete", complete && !acc.hasOpenCalls() && calls.size() > 0);
    return new Outcome(a, null);
  }

  // ---- capability checks: the loaded manifest's capabilities

  private static Outcome capabilityCheck(ComplianceCase c) {
    ProviderManifest m = manifest(c);
    ObjectNode a = F.objectNode();
    a.put("mcp_integration_method", McpIntegration.of(m).wireName());
    boolean valid = true;
    for (JsonNode cap : c.input().path("capabilities")) {
      valid &= m.capabilities().declares(cap.asText());
    }
    if (c.input().has("required_capability")) {
      boolean declared = m.capabilities().declares(c.input().get("required_capability").asText());
      a.put("capability_declared", declared);
      valid &= declared;
    }
    a.put("valid", valid);
    ObjectNode present = a.putObject("capabilities_present");
    ArrayNode req = present.putArray("required");
    m.capabilities().required().stream().sorted().forEach(req::add);
    ArrayNode opt = present.putArray("optional");
    m.capabilities().optional().stream().sorted().forEach(opt::add);
    ObjectNode flags = a.putObject("feature_flags");
    new TreeMap<>(m.capabilities().featureFlags()).forEach(flags::put);
    return new Outcome(a, null);
  }

  // ---- resilience: the pure decision functions FailsafeResilience applies after each failed attempt

  private static RemoteException failureOf(JsonNode error, String code) {
    StandardErrorCode standard = StandardErrorCode.find(code)
        .orElseThrow(() -> new IllegalStateException("unknown standard error code '" + code + "'"));
    return new RemoteException(standard, "compliance failure " + standard.wireName(), standard.typicalHttpStatus(),
        null, null, null);
  }

  private static Outcome retryDecision(ComplianceCase c) {
    ProviderManifest m = manifest(c);
    JsonNode pol = c.input().path("retry_policy");
    RetryPolicySpec declared = m.retry();
    java.util.Set<Integer> statuses = new java.util.HashSet<>();
    pol.path("retry_on_http_status").forEach(n -> statuses.add(n.asInt()));
    // the case's policy overrides the manifest's, field by field, as a caller's configuration would
    RetryPolicySpec policy = new RetryPolicySpec(declared == null ? null : declared.strategy(),
        pol.has("max_retries") ? pol.get("max_retries").asInt() : declared == null ? -1 : declared.maxRetries(),
        pol.has("min_delay_ms") ? java.time.Duration.ofMillis(pol.get("min_delay_ms").asLong())
            : declared == null ? null : declared.minDelay(),
        pol.has("max_delay_ms") ? java.time.Duration.ofMillis(pol.get("max_delay_ms").asLong())
            : declared == null ? null : declared.maxDelay(),
        declared == null ? null : declared.jitter(),
        pol.has("retry_on_http_status") || declared == null ? statuses : declared.retryOnHttpStatus());
    RetrySettings settings = ResilienceSettings.resolve(ResilientConfig.unset(), Timeouts.DEFAULTS,
        Environment.of(Map.of())).retryFor(policy);
    JsonNode error = c.input().path("error");
    RemoteException failure = failureOf(error, error.path("error_code").asText(error.path("error_name").asText()));
    int attempt = c.input().path("attempt").asInt(1);
    java.util.Random seeded = new java.util.Random(c.id().hashCode());
    RetryDecision d = RetryDecision.decide(settings, failure, attempt - 1, seeded::nextDouble);
    ObjectNode a = F.objectNode();
    a.put("should_retry", d.retry());
    if (d.retry()) {
      a.put("delay_ms", d.delay().toMillis());
    }
    a.put("retryable", failure.retryable());
    return new Outcome(a, d.reason());
  }

  private static Outcome fallbackDecision(ComplianceCase c) {
    RemoteException failure = failureOf(c.input(), c.input().path("error_code").asText());
    ObjectNode a = F.objectNode();
    a.put("should_fallback", FallbackDecision.shouldFallback(failure));
    return new Outcome(a, null);
  }

  // ---- advanced capabilities: core CapabilityGuard and OperationEndpoint on the case's inline manifest

  private static ProviderManifest inlineManifest(ComplianceCase c) {
    byte[] yaml = c.input().path("manifest").asText().getBytes(StandardCharsets.UTF_8);
    return ManifestLoader.create().parse(c.displayName() + ".yaml", yaml).manifest();
  }

  private static Outcome capabilityGuard(ComplianceCase c) {
    ProviderManifest m = inlineManifest(c);
    ObjectNode a = F.objectNode();
    String diagnostic = null;
    try {
      AdvancedCapability cap = CapabilityGuard.requireOperation(m, c.input().path("method").asText());
      a.put("rejected", false).put("capability", cap.capability());
    } catch (AiLibException e) {
      a.put("rejected", true);
      a.put("error_code", e.errorType().code());
      a.put("error_name", e.errorType().wireName());
      diagnostic = e.getMessage();
    }
    return new Outcome(a, diagnostic);
  }

  private static Outcome endpointMapping(ComplianceCase c) {
    ProviderManifest m = inlineManifest(c);
    OperationEndpoint e = OperationEndpoint.resolve(m, c.input().path("operation").asText(),
        c.input().path("fallback").asText(), "POST");
    ObjectNode a = F.objectNode();
    a.put("path", e.path()).put("method", e.method()).put("declared", e.declared());
    return new Outcome(a, null);
  }

  // ---- request parameters and auth: the engine's ParameterChecker and AuthAttachment

  private static Outcome parameterMapping(ComplianceCase c) {
    ProviderManifest m = manifest(c);
    JsonNode p = c.input().path("standard_params");
    Map<String, Object> extra = new java.util.LinkedHashMap<>();
    p.fields().forEachRemaining(e -> {
      if (!e.getKey().equals("temperature") && !e.getKey().equals("max_tokens") && !e.getKey().equals("top_p")) {
        extra.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
      }
    });
    ChatRequest r = new ChatRequest(List.of(Message.user("x")), p.has("temperature") ? p.get("temperature").asDouble()
        : null, p.has("max_tokens") ? p.get("max_tokens").asInt() : null, p.has("top_p") ? p.get("top_p").asDouble()
        : null, null, null, null, null, extra);
    ObjectNode a = F.objectNode();
    ObjectNode out = a.putObject("provider_params");
    for (WireParam w : ParameterChecker.check(r, m, null)) {
      out.set(w.wireName() != null ? w.wireName() : w.name(), JSON.valueToTree(w.value()));
    }
    return new Outcome(a, null);
  }

  private static Outcome authAttachment(ComplianceCase c) {
    ProviderManifest m = manifest(c);
    Map<String, String> env = new HashMap<>();
    c.setup().path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    Credential cred = new CredentialResolver(Environment.of(env)).resolve(m,
        c.input().path("explicit_credential").asText(null));
    AuthAttachment attach = AuthAttachment.of(m.auth(), cred.value());
    ObjectNode a = F.objectNode();
    ObjectNode headers = a.putObject("headers");
    attach.headers().forEach((k, v) -> headers.put(k, redact(v, cred.value())));
    ObjectNode query = a.putObject("query_params");
    attach.queryParams().forEach((k, v) -> query.put(k, redact(v, cred.value())));
    a.put("source_kind", cred.source().name().toLowerCase(java.util.Locale.ROOT));
    a.put("source_name", cred.sourceName());
    return new Outcome(a, attach.toString());
  }

  /** The case vocabulary writes the secret as {@code <redacted>}; only the secret is replaced, so prefixes count. */
  private static String redact(String value, String secret) {
    return secret != null && !secret.isEmpty() ? value.replace(secret, "<redacted>") : value;
  }

  // ---- content blocks: the wire codec of the case's API style

  private static Outcome contentBlockEncode(ComplianceCase c) throws IOException {
    String apiStyle = c.input().path("api_style").asText();
    // the case names the wire format; the codec is the one a manifest declaring that style gets
    dev.ailib.core.spi.manifest.WireStyle style = switch (apiStyle) {
      case "anthropic_messages" -> dev.ailib.core.spi.manifest.WireStyle.ANTHROPIC_MESSAGES;
      case "gemini_generate" -> dev.ailib.core.spi.manifest.WireStyle.GEMINI_GENERATE_CONTENT;
      case "openai_chat" -> dev.ailib.core.spi.manifest.WireStyle.OPENAI_CHAT;
      default -> throw notYet("content_block_encode (api_style '" + apiStyle + "')");
    };
    List<dev.ailib.api.ContentBlock> blocks = new ArrayList<>();
    for (JsonNode b : c.input().path("blocks")) {
      switch (b.path("block_type").asText()) {
        case "text" -> blocks.add(dev.ailib.api.ContentBlock.text(b.path("text").asText()));
        case "document" -> {
          String data = b.path("data").asText(null);
          String mime = b.path("mime_type").asText(null);
          switch (b.path("source_type").asText()) {
            case "base64" -> blocks.add(new dev.ailib.api.ContentBlock.Document(data, null, null, mime));
            case "url" -> blocks.add(new dev.ailib.api.ContentBlock.Document(null, data, null, mime));
            case "ref" -> blocks.add(new dev.ailib.api.ContentBlock.Document(null, null, data, mime));
            default -> throw notYet("content_block_encode (source_type '" + b.path("source_type").asText() + "')");
          }
        }
        default -> throw notYet("content_block_encode (block_type '" + b.path("block_type").asText() + "')");
      }
    }
    ProviderManifest m = ProviderManifest.builder().id("compliance-" + apiStyle).protocolVersion("2.0").name(apiStyle)
        .source("compliance case " + c.displayName()).wireStyle(style)
        .endpoint(dev.ailib.core.spi.manifest.EndpointSpec.builder().baseUrl("http://127.0.0.1:1").chatPath("/chat")
            .build())
        .auth(dev.ailib.core.spi.manifest.AuthSpec.builder().type(dev.ailib.core.spi.manifest.AuthSpec.Type.NONE)
            .build())
        .build();
    ObjectNode a = F.objectNode();
    try {
      JsonNode body = encode(m, new ChatRequest(List.of(Message.user(blocks)), null, null, null, null, null, null,
          null, null));
      JsonNode first = body.has("contents") ? body.path("contents").path(0).path("parts")
          : body.path("messages").path(0).path("content");
      a.put("valid", true);
      a.set("encoded", first);
      return new Outcome(a, body.toString());
    } catch (AiLibException e) {
      a.put("valid", false);
      a.put("error_code", e.errorType().code());
      return new Outcome(a, e.getMessage());
    }
  }

  // ---- text tool calls: core TextToolCallParser

  private static Outcome textToolCalls(ComplianceCase c) throws IOException {
    TextToolCallParser parser = TextToolCallParser.of(c.input().path("config").path("lenient_parsing").asBoolean(false));
    TextToolCalls parsed;
    if (c.type().equals("text_tool_hybrid")) {
      List<ToolCall> natives = new ArrayList<>();
      for (JsonNode n : c.input().path("native_tool_calls")) {
        natives.add(new ToolCall(n.path("id").asText(null), n.path("name").asText(), n.path("arguments").toString()));
      }
      parsed = parser.parseHybrid(c.input().path("content").asText(), natives);
    } else {
      parsed = parser.parse(c.input().path("response_text").asText());
    }
    ObjectNode a = F.objectNode();
    a.put("remaining_text", parsed.remainingText());
    ArrayNode calls = a.putArray("tool_calls");
    for (ToolCall t : parsed.calls()) {
      calls.addObject().put("name", t.name()).set("arguments", JSON.readTree(t.argumentsJson()));
    }
    return new Outcome(a, null);
  }

  // ---- text tool-call prompt: core TextToolPrompt

  private static Outcome textToolPrompt(ComplianceCase c) {
    String locale = c.input().path("config").path("locale").asText("en");
    if (!locale.equals("en")) {
      throw notYet("text_tool_prompt in locale '" + locale + "' (the library writes English instructions)");
    }
    List<ToolDefinition> tools = new ArrayList<>();
    for (JsonNode t : c.input().path("tools")) {
      tools.add(new ToolDefinition(t.path("name").asText(), t.path("description").asText(null),
          t.has("parameters") ? t.get("parameters").toString() : null));
    }
    TextToolPrompt.Level level = TextToolPrompt.Level.valueOf(c.input().path("config").path("prompt_level")
        .asText("L1"));
    String prompt = TextToolPrompt.of(level, tools);
    ObjectNode a = F.objectNode();
    a.put("prompt", prompt);
    return new Outcome(a, prompt);
  }

  // ---- credentials: core CredentialResolver with the case's environment

  private static Outcome credentialResolution(ComplianceCase c) {
    if (c.input().has("runtime_target")) {
      throw new TestAbortedException("credential_resolution: runtime_target '" + c.input().get("runtime_target")
          .asText() + "' does not apply to the JVM runtime");
    }
    ProviderManifest m = manifest(c);
    Map<String, String> env = new HashMap<>();
    c.setup().path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    CredentialResolver resolver = new CredentialResolver(Environment.of(env));
    String explicit = c.input().path("explicit_credential").asText(null);
    Optional<Credential> found = resolver.find(m, explicit);
    ObjectNode a = F.objectNode();
    String diagnostic;
    if (found.isPresent()) {
      Credential cred = found.get();
      a.put("status", "available");
      a.put("source_kind", cred.source().name().toLowerCase(java.util.Locale.ROOT));
      a.put("source_name", cred.sourceName());
      diagnostic = cred + "; " + CredentialResolver.describe(m, cred);
      a.put("value_redacted", cred.value() == null || !diagnostic.contains(cred.value()));
    } else {
      a.put("status", "missing");
      a.put("source_kind", "none");
      a.putNull("source_name");
      String message;
      try {
        resolver.resolve(m, explicit);
        message = "(resolve found a key that find did not)";
      } catch (AiLibException e) {
        message = e.getMessage();
      }
      diagnostic = message;
    }
    ArrayNode required = a.putArray("required");
    m.auth().tokenEnvVars().forEach(required::add);
    ArrayNode fallbacks = a.putArray("conventional_fallbacks");
    for (String v : CredentialResolver.variablesTried(m)) {
      if (!m.auth().tokenEnvVars().contains(v)) {
        fallbacks.add(v);
      }
    }
    return new Outcome(a, diagnostic);
  }

  // ---- request bodies and responses: the manifest's wire codec (core internal.codec)

  private static List<Message> messages(ComplianceCase c) {
    List<Message> out = new ArrayList<>();
    for (JsonNode m : c.input().path("messages")) {
      String text = m.path("content").asText();
      Message message;
      switch (m.path("role").asText()) {
        case "system":
          message = Message.system(text);
          break;
        case "user":
          message = Message.user(text);
          break;
        case "assistant":
          message = Message.assistant(text);
          break;
        default:
          throw notYet("message_building (role '" + m.path("role").asText() + "')");
      }
      Map<String, String> metadata = new java.util.LinkedHashMap<>();
      m.path("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
      out.add(metadata.isEmpty() ? message : message.withMetadata(metadata));
    }
    return out;
  }

  private static JsonNode encode(ProviderManifest m, ChatRequest request) throws IOException {
    WireCodec codec = WireCodec.forStyle(m.wireStyle());
    byte[] body = codec.encode(new EncodeInput(request, "compliance-model", List.of(), false, m, null));
    return JSON.readTree(body);
  }

  private static Outcome messageBuilding(ComplianceCase c) throws IOException {
    if (c.input().path("parameters").size() > 0) {
      throw notYet("message_building (parameters)");
    }
    ProviderManifest m = manifest(c);
    List<Message> messages = messages(c);
    ChatRequest request = new ChatRequest(messages, null, null, null, null, null, null, null, null);
    JsonNode body = encode(m, request);
    ObjectNode a = F.objectNode();
    ObjectNode normalized = a.putObject("normalized_body");
    // the normalized message: the wire's role and content, and the metadata the library keeps on the message (the
    // request's own Message); no wire format sends metadata (see Message), which the diagnostic shows
    ArrayNode normalizedMessages = normalized.putArray("messages");
    if (body.path("messages").size() != request.messages().size()
        && request.messages().stream().anyMatch(x -> !x.metadata().isEmpty())) {
      throw notYet("message_building with metadata on a wire that merges or moves messages");
    }
    for (int i = 0; i < body.path("messages").size(); i++) {
      ObjectNode n = ((ObjectNode) body.path("messages").get(i)).deepCopy();
      Map<String, String> kept = i < request.messages().size() ? request.messages().get(i).metadata() : Map.of();
      if (!kept.isEmpty()) {
        n.set("metadata", JSON.valueToTree(kept));
      }
      normalizedMessages.add(n);
    }
    a.put("message_count", body.path("messages").size());
    return new Outcome(a, "wire body: " + body);
  }

  private static Outcome requestBuilding(ComplianceCase c) throws IOException {
    ProviderManifest m = manifest(c);
    ResponseFormat format = null;
    java.util.Iterator<String> names = c.input().path("parameters").fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      JsonNode v = c.input().path("parameters").get(name);
      if (name.equals("response_format") && v.path("type").asText().equals("json_object")) {
        format = ResponseFormat.jsonObject();
      } else {
        throw notYet("request_building (parameter '" + name + "')");
      }
    }
    JsonNode body = encode(m, new ChatRequest(messages(c), null, null, null, null, null, null, format, null));
    ObjectNode a = F.objectNode();
    a.put("valid", true);
    a.set("request", body);
    return new Outcome(a, body.toString());
  }

  private static Outcome responseParsing(ComplianceCase c) {
    ProviderManifest m = manifest(c);
    ChatResponse r = WireCodec.forStyle(m.wireStyle()).decode(c.input().get("response_body"), m, null);
    ObjectNode a = F.objectNode();
    a.put("valid", true);
    a.set("usage", usage(r.usage()));
    a.put("content", r.content());
    a.put("finish_reason", r.rawFinishReason());
    return new Outcome(a, null);
  }

  static List<ComplianceCase> readCases(Path protocolDir) throws IOException {
    Path compliance = protocolDir.resolve("tests/compliance");
    Path cases = compliance.resolve("cases");
    List<Path> files;
    try (var s = Files.walk(cases)) {
      files = s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
    }
    List<ComplianceCase> out = new ArrayList<>();
    for (Path f : files) {
      String rel = cases.relativize(f).toString().replace('\\', '/');
      try (var parser = YAML.getFactory().createParser(f.toFile())) {
        var docs = YAML.readValues(parser, JsonNode.class);
        while (docs.hasNextValue()) {
          JsonNode d = docs.nextValue();
          if (d == null || d.isNull() || !d.has("id")) {
            continue;
          }
          out.add(new ComplianceCase(rel, d.get("id").asText(), d.path("name").asText(), f, compliance, protocolDir,
              d.path("setup"), d.path("input"), d.path("expected")));
        }
      }
    }
    return out;
  }
}
