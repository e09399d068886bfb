package dev.ailib.core.internal.codec;

import dev.ailib.api.error.StandardErrorCode;
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

  static final StreamingSpec SSE = StreamingSpec.builder()
      .decoder(StreamingSpec.DecoderSpec.builder().format("sse").strategy("openai_chat").prefix("data: ")
          .doneSignal("[DONE]").build())
      .addEventRule(StreamingSpec.EventRule.builder().match("exists($.choices[0].delta.content)")
          .emit(StreamingSpec.EmitKind.CONTENT_DELTA).emitName("PartialContentDelta")
          .field("content", StreamingSpec.ValueSource.ofPath("$.choices[0].delta.content")).build())
      .addEventRule(StreamingSpec.EventRule.builder().match("exists($.choices[0].finish_reason)")
          .emit(StreamingSpec.EmitKind.METADATA).emitName("Metadata")
          .field("finish_reason", StreamingSpec.ValueSource.ofPath("$.choices[0].finish_reason")).build())
      .build();

  private static ParameterSpec number(String name, String type, Double min, Double max, Object dflt) {
    return ParameterSpec.builder().name(name).type(type).min(min).max(max).defaultValue(dflt).build();
  }

  private static CapabilitiesSpec caps(Set<String> required, Set<String> optional) {
    return CapabilitiesSpec.builder().required(required).optional(optional).build();
  }

  /** An OpenAI-compatible provider with id {@code acme}. */
  public static ProviderManifest chat(String baseUrl) {
    return ProviderManifest.builder().id("acme").protocolVersion("2.0").name("Acme").source("test:acme.yaml")
        .wireStyle(WireStyle.OPENAI_CHAT)
        .endpoint(EndpointSpec.builder().baseUrl(baseUrl).chatPath("/chat/completions").method("POST").build())
        .auth(AuthSpec.builder().type(AuthSpec.Type.BEARER).headerName("Authorization").prefix("Bearer")
            .tokenEnvVars(List.of("ACME_API_KEY")).build())
        .parameter(number("temperature", "float", 0.0, 2.0, 1))
        .parameter(ParameterSpec.builder().name("max_tokens").type("integer").min(1.0).max(128000.0)
            .providerName("max_completion_tokens").build())
        .parameter(number("top_p", "float", 0.0, 1.0, null))
        .parameter(number("seed", "integer", null, null, null))
        .capabilities(caps(Set.of("text", "streaming", "tools"), Set.of("vision"))).streaming(SSE)
        .errors(ErrorClassificationSpec.builder().byHttpStatus(Map.of(429, StandardErrorCode.RATE_LIMITED))
            .byErrorCode(Map.of("insufficient_quota", StandardErrorCode.QUOTA_EXHAUSTED,
                "invalid_api_key", StandardErrorCode.AUTHENTICATION)).build())
        .termination(TerminationSpec.builder().sourceField("finish_reason").mapping(Map.of("stop", "end_turn",
            "length", "max_tokens", "tool_calls", "tool_use")).build())
        .model(ModelSpec.builder().id("m1").contextWindow(128000L).maxOutputTokens(4096L).build())
        .build();
  }

  /** A Responses-style provider with id {@code resco}. */
  public static ProviderManifest responses(String baseUrl) {
    return ProviderManifest.builder().id("resco").protocolVersion("2.0").name("ResCo").source("test:resco.yaml")
        .wireStyle(WireStyle.OPENAI_RESPONSES)
        .endpoint(EndpointSpec.builder().baseUrl(baseUrl).chatPath("/responses").method("POST").build())
        .auth(AuthSpec.builder().type(AuthSpec.Type.BEARER).headerName("Authorization").prefix("Bearer")
            .tokenEnvVars(List.of("RESCO_API_KEY")).build())
        .parameter(ParameterSpec.builder().name("max_tokens").type("integer").min(16.0)
            .providerName("max_output_tokens").build())
        .capabilities(caps(Set.of("text", "streaming", "tools"), Set.of("vision")))
        .errors(ErrorClassificationSpec.builder().byErrorCode(Map.of("insufficient_quota",
            StandardErrorCode.QUOTA_EXHAUSTED)).build())
        .termination(TerminationSpec.builder().mapping(Map.of("completed", "end_turn", "max_output_tokens",
            "max_tokens", "content_filter", "refusal", "incomplete", "other")).build())
        .model(ModelSpec.builder().id("r1").contextWindow(400000L).maxOutputTokens(128000L).build())
        .build();
  }

  /** A messages-style provider with id {@code msgco}. */
  public static ProviderManifest messages(String baseUrl) {
    return ProviderManifest.builder().id("msgco").protocolVersion("2.0").name("MsgCo").source("test:msgco.yaml")
        .wireStyle(WireStyle.ANTHROPIC_MESSAGES)
        .endpoint(EndpointSpec.builder().baseUrl(baseUrl).chatPath("/messages").method("POST").build())
        .auth(AuthSpec.builder().type(AuthSpec.Type.HEADER).headerName("x-api-key")
            .tokenEnvVars(List.of("MSGCO_API_KEY")).extraHeaders(Map.of("anthropic-version", "2023-06-01")).build())
        .parameter(number("temperature", "float", 0.0, 1.0, 1.0))
        .parameter(ParameterSpec.builder().name("max_tokens").type("integer").min(1.0).max(8192.0).required(true)
            .build())
        .capabilities(caps(Set.of("text", "streaming", "tools"), Set.of("vision"))).streaming(SSE)
        .errors(ErrorClassificationSpec.builder().byHttpStatus(Map.of(529, StandardErrorCode.OVERLOADED))
            .byErrorCode(Map.of("overloaded_error", StandardErrorCode.OVERLOADED,
                "rate_limit_error", StandardErrorCode.RATE_LIMITED)).build())
        .termination(TerminationSpec.builder().sourceField("stop_reason")
            .mapping(Map.of("end_turn", "end_turn", "tool_use", "tool_use")).build())
        .model(ModelSpec.builder().id("c1").contextWindow(200000L).maxOutputTokens(2048L).build())
        .build();
  }

  /** A generateContent-style provider with id {@code gen}. */
  public static ProviderManifest generate(String baseUrl) {
    return ProviderManifest.builder().id("gen").protocolVersion("2.0").name("Gen").source("test:gen.yaml")
        .wireStyle(WireStyle.GEMINI_GENERATE_CONTENT)
        .endpoint(EndpointSpec.builder().baseUrl(baseUrl).chatPath("/models/{model}:generateContent")
            .streamChatPath("/models/{model}:streamGenerateContent").method("POST").build())
        .auth(AuthSpec.builder().type(AuthSpec.Type.QUERY).queryParam("key").tokenEnvVars(List.of("GEN_API_KEY"))
            .build())
        .parameter(number("temperature", "float", 0.0, 2.0, 1.0))
        .parameter(ParameterSpec.builder().name("maxOutputTokens").type("integer").min(1.0).max(65536.0)
            .aliases(List.of("max_tokens")).build())
        .parameter(ParameterSpec.builder().name("topP").type("float").min(0.0).max(1.0).aliases(List.of("top_p"))
            .build())
        .capabilities(caps(Set.of("text", "streaming", "tools"), Set.of("vision", "audio"))).streaming(SSE)
        .errors(ErrorClassificationSpec.builder().byErrorCode(Map.of("RESOURCE_EXHAUSTED",
            StandardErrorCode.RATE_LIMITED, "INVALID_ARGUMENT", StandardErrorCode.INVALID_REQUEST)).build())
        .termination(TerminationSpec.builder().sourceField("finishReason").mapping(Map.of("STOP", "end_turn",
            "MAX_TOKENS", "max_tokens", "SAFETY", "refusal")).build())
        .build();
  }

  /** A Cohere-v2-style provider with id {@code chatco}. */
  public static ProviderManifest cohere(String baseUrl) {
    return ProviderManifest.builder().id("chatco").protocolVersion("2.0").name("ChatCo").source("test:chatco.yaml")
        .wireStyle(WireStyle.COHERE_V2)
        .endpoint(EndpointSpec.builder().baseUrl(baseUrl).chatPath("/chat").method("POST").build())
        .auth(AuthSpec.builder().type(AuthSpec.Type.BEARER).headerName("Authorization").prefix("Bearer")
            .tokenEnvVars(List.of("CHATCO_API_KEY")).build())
        .parameter(number("temperature", "float", 0.0, 1.0, null))
        .parameter(ParameterSpec.builder().name("top_p").providerName("p").type("float").min(0.01).max(0.99).build())
        .capabilities(caps(Set.of("text", "streaming", "tools"), Set.of("vision")))
        .termination(TerminationSpec.builder().sourceField("finish_reason").mapping(Map.of("COMPLETE", "end_turn",
            "TOOL_CALL", "tool_use")).build())
        .model(ModelSpec.builder().id("command-x").maxOutputTokens(4000L).build())
        .build();
  }
}
