package dev.ailib.core.internal.codec;

import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.expression.Expression;
import dev.ailib.core.spi.expression.JsonPath;
import dev.ailib.core.spi.manifest.AuthSpec;
import dev.ailib.core.spi.manifest.CapabilitiesSpec;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.ErrorClassificationSpec;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.ParameterSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.StreamingSpec;
import dev.ailib.core.spi.manifest.TerminationSpec;
import dev.ailib.core.spi.manifest.WireStyle;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Manifests shaped like the published ones, built in code, for unit tests. */
public final class TestManifests {
  private TestManifests() {
  }

  static final StreamingSpec SSE = new StreamingSpec(new StreamingSpec.DecoderSpec("sse", "openai_chat", "data: ", null,
      "[DONE]"), null, List.of(
          new StreamingSpec.EventRule(Expression.parse("exists($.choices[0].delta.content)"),
              StreamingSpec.EmitKind.CONTENT_DELTA, "PartialContentDelta",
              Map.of("content", new StreamingSpec.ValueSource(JsonPath.parse("$.choices[0].delta.content"), null))),
          new StreamingSpec.EventRule(Expression.parse("exists($.choices[0].finish_reason)"),
              StreamingSpec.EmitKind.METADATA, "Metadata",
              Map.of("finish_reason", new StreamingSpec.ValueSource(JsonPath.parse("$.choices[0].finish_reason"),
                  null)))),
      null, null, null, null, null, null);

  /** An OpenAI-compatible provider with id {@code acme}. */
  public static ProviderManifest chat(String baseUrl) {
    return new ProviderManifest("acme", "2.0", "Acme", "test:acme.yaml", WireStyle.OPENAI_CHAT,
        new EndpointSpec(baseUrl, "/chat/completions", null, null, "POST", null),
        new AuthSpec(AuthSpec.Type.BEARER, "Authorization", "Bearer", null, List.of("ACME_API_KEY"), Map.of()),
        Map.of("temperature", new ParameterSpec("temperature", "float", 0.0, 2.0, 1, false, null, List.of()),
            "max_tokens", new ParameterSpec("max_tokens", "integer", 1.0, 128000.0, null, false,
                "max_completion_tokens", List.of()),
            "top_p", new ParameterSpec("top_p", "float", 0.0, 1.0, null, false, null, List.of()),
            "seed", new ParameterSpec("seed", "integer", null, null, null, false, null, List.of())),
        new CapabilitiesSpec(Set.of("text", "streaming", "tools"), Set.of("vision"), Map.of()), SSE,
        new ErrorClassificationSpec(Map.of(429, StandardErrorCode.RATE_LIMITED),
            Map.of("insufficient_quota", StandardErrorCode.QUOTA_EXHAUSTED,
                "invalid_api_key", StandardErrorCode.AUTHENTICATION)),
        null, null,
        new TerminationSpec("finish_reason", Map.of("stop", "end_turn", "length", "max_tokens",
            "tool_calls", "tool_use")),
        Map.of("m1", new ModelSpec("m1", 128000L, 4096L, null, null, Set.of())));
  }

  /** A messages-style provider with id {@code msgco}. */
  public static ProviderManifest messages(String baseUrl) {
    return new ProviderManifest("msgco", "2.0", "MsgCo", "test:msgco.yaml", WireStyle.ANTHROPIC_MESSAGES,
        new EndpointSpec(baseUrl, "/messages", null, null, "POST", null),
        new AuthSpec(AuthSpec.Type.HEADER, "x-api-key", null, null, List.of("MSGCO_API_KEY"),
            Map.of("anthropic-version", "2023-06-01")),
        Map.of("temperature", new ParameterSpec("temperature", "float", 0.0, 1.0, 1.0, false, null, List.of()),
            "max_tokens", new ParameterSpec("max_tokens", "integer", 1.0, 8192.0, null, true, null, List.of())),
        new CapabilitiesSpec(Set.of("text", "streaming", "tools"), Set.of("vision"), Map.of()), SSE,
        new ErrorClassificationSpec(Map.of(529, StandardErrorCode.OVERLOADED),
            Map.of("overloaded_error", StandardErrorCode.OVERLOADED, "rate_limit_error", StandardErrorCode.RATE_LIMITED)),
        null, null,
        new TerminationSpec("stop_reason", Map.of("end_turn", "end_turn", "tool_use", "tool_use")),
        Map.of("c1", new ModelSpec("c1", 200000L, 2048L, null, null, Set.of())));
  }

  /** A generateContent-style provider with id {@code gen}. */
  public static ProviderManifest generate(String baseUrl) {
    return new ProviderManifest("gen", "2.0", "Gen", "test:gen.yaml", WireStyle.GEMINI_GENERATE_CONTENT,
        new EndpointSpec(baseUrl, "/models/{model}:generateContent", "/models/{model}:streamGenerateContent",
            Map.of(), "POST", null),
        new AuthSpec(AuthSpec.Type.QUERY, null, null, "key", List.of("GEN_API_KEY"), Map.of()),
        Map.of("temperature", new ParameterSpec("temperature", "float", 0.0, 2.0, 1.0, false, null, List.of()),
            "maxOutputTokens", new ParameterSpec("maxOutputTokens", "integer", 1.0, 65536.0, null, false, null,
                List.of("max_tokens")),
            "topP", new ParameterSpec("topP", "float", 0.0, 1.0, null, false, null, List.of("top_p"))),
        new CapabilitiesSpec(Set.of("text", "streaming", "tools"), Set.of("vision", "audio"), Map.of()), SSE,
        new ErrorClassificationSpec(Map.of(), Map.of("RESOURCE_EXHAUSTED", StandardErrorCode.RATE_LIMITED,
            "INVALID_ARGUMENT", StandardErrorCode.INVALID_REQUEST)),
        null, null,
        new TerminationSpec("finishReason", Map.of("STOP", "end_turn", "MAX_TOKENS", "max_tokens",
            "SAFETY", "refusal")),
        Map.of());
  }
}
