package dev.ailib.protocol.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.AuthSpec;
import dev.ailib.core.spi.manifest.ProviderContract;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.StreamingSpec.EmitKind;
import dev.ailib.core.spi.manifest.WireStyle;
import dev.ailib.testkit.spec.RequiresSpecDirectory;
import dev.ailib.testkit.spec.SpecDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every published manifest of the specification loads, and the mapped data says what the files say. Reads the
 * specification directory ({@code AI_PROTOCOL_DIR}); without it the class is skipped with one line.
 */
@RequiresSpecDirectory({"v1/providers", "v2/providers"})
class PublishedManifestsTest {
  private final ManifestLoader loader = ManifestLoader.create();

  @Test
  void everyV1AndV2ManifestLoads() throws IOException {
    Path spec = SpecDirectory.require();
    List<Path> files = new ArrayList<>();
    for (String dir : new String[] {"v1/providers", "v2/providers"}) {
      try (Stream<Path> s = Files.list(spec.resolve(dir))) {
        s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json")).sorted().forEach(files::add);
      }
    }
    int loaded = 0;
    List<String> failures = new ArrayList<>();
    for (Path f : files) {
      try {
        ProviderManifest m = loader.load(f).manifest();
        assertThat(m.id()).isNotBlank();
        loaded++;
      } catch (RuntimeException e) {
        failures.add(spec.relativize(f) + ": " + e.getMessage());
      }
    }
    System.out.println("manifests: " + loaded + " loaded, " + failures.size() + " failed");
    failures.forEach(f -> System.out.println("  FAILED " + f));
    assertThat(failures).as("manifests that failed to load").isEmpty();
    assertThat(loaded).isGreaterThanOrEqualTo(50);
  }

  /**
   * The wire style of every published manifest: declared ones as declared (a value without a codec keeps its field
   * and value for the message), undeclared ones read from their own data; only the formats that are not a chat API
   * of a supported shape are unsupported.
   */
  @Test
  void everyPublishedManifestGetsTheWireStyleItsDataSays() throws IOException {
    Path spec = SpecDirectory.require();
    Map<String, String> expected = new java.util.TreeMap<>();
    for (String id : List.of("baichuan", "cerebras", "doubao", "fireworks", "hunyuan", "lepton", "minimax", "mistral",
        "moonshot", "nvidia", "openai", "openrouter", "perplexity", "qwen", "spark", "tiangong", "writer", "xai", "yi",
        "zhipu", "deepseek", "groq", "deepinfra", "siliconflow", "together", "azure", "anyscale")) {
      expected.put("v1/" + id, "OPENAI_CHAT");
    }
    expected.put("v1/anthropic", "ANTHROPIC_MESSAGES");
    expected.put("v1/gemini", "GEMINI_GENERATE_CONTENT");
    expected.put("v1/cohere", "COHERE_V2");
    expected.put("v1/ai21", "UNSUPPORTED endpoints.chat.adapter=ai21_chat");
    expected.put("v1/baidu", "UNSUPPORTED payload_format=baidu_style");
    expected.put("v1/sensenova", "UNSUPPORTED endpoints.chat.adapter=sensenova");
    expected.put("v1/huggingface", "UNSUPPORTED endpoints.chat.adapter=huggingface");
    expected.put("v1/replicate", "UNSUPPORTED endpoints.chat.adapter=replicate");
    expected.put("v1/jina", "UNSUPPORTED response_format=jina_style");
    expected.put("v1/stability", "UNSUPPORTED response_format=stability_image");
    for (String id : List.of("baichuan", "baidu", "cerebras", "deepseek", "doubao", "groq", "hunyuan", "minimax",
        "mistral", "moonshot", "nvidia", "openai", "perplexity", "qwen", "xai", "yi", "zhipu")) {
      expected.put("v2/" + id, "OPENAI_CHAT");
    }
    expected.put("v2/anthropic", "ANTHROPIC_MESSAGES");
    expected.put("v2/gemini", "GEMINI_GENERATE_CONTENT");
    expected.put("v2/google", "GEMINI_GENERATE_CONTENT");
    expected.put("v2/cohere", "COHERE_V2");
    expected.put("v2/jina", "UNSUPPORTED");
    Map<String, String> actual = new java.util.TreeMap<>();
    for (String version : new String[] {"v1", "v2"}) {
      try (Stream<Path> s = Files.list(spec.resolve(version + "/providers"))) {
        for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
          ProviderManifest m = loader.load(f).manifest();
          String name = f.getFileName().toString();
          actual.put(version + "/" + name.substring(0, name.length() - ".yaml".length()),
              m.wireStyle() == WireStyle.UNSUPPORTED && m.wireStyleField() != null
                  ? "UNSUPPORTED " + m.wireStyleField() + "=" + m.wireStyleValue() : m.wireStyle().name());
        }
      }
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void distJsonManifestsLoad() throws IOException {
    Path spec = SpecDirectory.require();
    try (Stream<Path> s = Files.list(spec.resolve("dist/v2-alpha/providers"))) {
      List<Path> files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertThat(files).isNotEmpty();
      for (Path f : files) {
        ProviderManifest m = loader.load(f).manifest();
        assertThat(m.protocolVersion()).isEqualTo("2.0");
        assertThat(m.streaming()).isNotNull();
      }
    }
  }

  @Test
  void v2OpenAiMapsItsSections() {
    ProviderManifest m = loader.load(SpecDirectory.require().resolve("v2/providers/openai.yaml")).manifest();
    assertThat(m.wireStyle()).isEqualTo(WireStyle.OPENAI_CHAT);
    assertThat(m.endpoint().baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(m.endpoint().chatPath()).isEqualTo("/chat/completions");
    assertThat(m.auth().type()).isEqualTo(AuthSpec.Type.BEARER);
    assertThat(m.auth().tokenEnvVars()).containsExactly("OPENAI_API_KEY");
    assertThat(m.parameters().get("temperature").max()).isEqualTo(2.0);
    assertThat(m.parameters().get("temperature").defaultValue()).isEqualTo(1L);
    assertThat(m.capabilities().required()).contains("text", "streaming", "tools");
    assertThat(m.capabilities().featureFlags()).containsEntry("structured_output", true);
    assertThat(m.errors().byErrorCode()).containsEntry("insufficient_quota", StandardErrorCode.QUOTA_EXHAUSTED);
    assertThat(m.errors().byHttpStatus()).containsEntry(429, StandardErrorCode.RATE_LIMITED);
    assertThat(m.retry().maxRetries()).isEqualTo(3);
    assertThat(m.retry().retryOnHttpStatus()).contains(429, 503);
    assertThat(m.rateLimitHeaders().retryAfter()).isEqualTo("retry-after");
    assertThat(m.termination().mapping()).containsEntry("tool_calls", "tool_use");
    assertThat(m.model("gpt-4o")).hasValueSatisfying(model -> {
      assertThat(model.contextWindow()).isEqualTo(128000L);
      assertThat(model.inputPricePer1m()).isEqualTo(2.5);
      assertThat(model.capabilities()).contains("tool_call");
    });
    var s = m.streaming();
    assertThat(s.decoder().doneSignal()).isEqualTo("[DONE]");
    assertThat(s.eventMap()).extracting(r -> r.emit()).containsExactly(EmitKind.CONTENT_DELTA,
        EmitKind.PARTIAL_TOOL_CALL, EmitKind.STREAM_END, EmitKind.METADATA);
    assertThat(s.eventMap().get(0).fields().get("content").path()).isEqualTo("$.choices[0].delta.content");
    assertThat(s.candidate().fanOut()).isTrue();
    assertThat(s.accumulator().flushOn()).isEqualTo("$.choices[0].finish_reason == 'tool_calls'");
  }

  @Test
  void v2AnthropicUsesItsHeaderAndVersion() {
    ProviderManifest m = loader.load(SpecDirectory.require().resolve("v2/providers/anthropic.yaml")).manifest();
    assertThat(m.wireStyle()).isEqualTo(WireStyle.ANTHROPIC_MESSAGES);
    assertThat(m.auth().type()).isEqualTo(AuthSpec.Type.HEADER);
    assertThat(m.auth().headerName()).isEqualTo("x-api-key");
    assertThat(m.auth().extraHeaders()).isEqualTo(Map.of("anthropic-version", "2023-06-01"));
    assertThat(m.parameters().get("max_tokens").required()).isTrue();
    assertThat(m.errors().byHttpStatus()).containsEntry(529, StandardErrorCode.OVERLOADED);
    assertThat(m.streaming().eventMap()).extracting(r -> r.emitName()).contains("ThinkingDelta");
  }

  @Test
  void v2GeminiTemplatesAndAliases() {
    LoadedManifest loaded = loader.load(SpecDirectory.require().resolve("v2/providers/gemini.yaml"));
    ProviderManifest m = loaded.manifest();
    assertThat(loaded.aliases()).containsExactly("google");
    assertThat(m.wireStyle()).isEqualTo(WireStyle.GEMINI_GENERATE_CONTENT);
    assertThat(m.endpoint().chatPath()).isEqualTo("/models/{model}:generateContent");
    assertThat(m.endpoint().streamChatPath()).isEqualTo("/models/{model}:streamGenerateContent");
    assertThat(m.endpoint().streamQuery()).containsEntry("alt", "sse");
    assertThat(m.auth().type()).isEqualTo(AuthSpec.Type.QUERY);
    assertThat(m.auth().queryParam()).isEqualTo("key");
    var maxTokens = m.parameters().get("max_tokens");
    assertThat(maxTokens.providerName()).isEqualTo("maxOutputTokens");
    assertThat(maxTokens.wireName()).isEqualTo("maxOutputTokens");
    assertThat(maxTokens.max()).isEqualTo(65536.0);
    assertThat(m.errors().byErrorCode()).containsEntry("DEADLINE_EXCEEDED", StandardErrorCode.TIMEOUT);
  }

  @Test
  void v1ShapesMap() {
    Path spec = SpecDirectory.require();
    ProviderManifest anthropic = loader.load(spec.resolve("v1/providers/anthropic.yaml")).manifest();
    assertThat(anthropic.wireStyle()).isEqualTo(WireStyle.ANTHROPIC_MESSAGES);
    assertThat(anthropic.streaming().eventMap()).hasSize(7);
    assertThat(anthropic.streaming().eventMap()).extracting(r -> r.emit()).contains(EmitKind.TOOL_CALL_ENDED,
        EmitKind.TOOL_CALL_STARTED);
    var end = anthropic.streaming().eventMap().get(6);
    assertThat(end.fields().get("finish_reason").literal()).isEqualTo("end_turn");
    assertThat(anthropic.streaming().frameSelector()).startsWith("$.type in [");
    assertThat(anthropic.streaming().usagePath()).isEqualTo("$.usage");
    assertThat(anthropic.parameters().get("system_message").wireName()).isEqualTo("system");

    ProviderManifest deepseek11 = loader.load(spec.resolve("v1/providers/deepseek.yaml")).manifest();
    assertThat(deepseek11.protocolVersion()).isEqualTo("1.1");
    assertThat(deepseek11.endpoint().baseUrl()).isEqualTo("https://api.deepseek.com/v1");
    assertThat(deepseek11.endpoint().chatPath()).isEqualTo("/chat/completions");
    assertThat(deepseek11.capabilities().declares("tools")).isTrue();
    assertThat(deepseek11.errors().byHttpStatus()).containsEntry(402, StandardErrorCode.QUOTA_EXHAUSTED);

    ProviderManifest azure = loader.load(spec.resolve("v1/providers/azure.yaml")).manifest();
    assertThat(azure.auth().type()).isEqualTo(AuthSpec.Type.HEADER);
    assertThat(azure.auth().headerName()).isEqualTo("api-key");
    assertThat(azure.auth().tokenEnvVars()).containsExactly("AZURE_OPENAI_KEY");
  }

  @Test
  void directoryPrefersV2OverV1() {
    DirectoryLayer dir = new DirectoryLayer(SpecDirectory.require(), loader);
    assertThat(dir.find("openai")).hasValueSatisfying(m -> assertThat(m.manifest().protocolVersion()).isEqualTo("2.0"));
    assertThat(dir.find("ai21")).hasValueSatisfying(m -> assertThat(m.manifest().protocolVersion()).isEqualTo("1.5"));
    assertThat(dir.find("no-such-provider")).isEmpty();
    assertThat(dir.ids()).contains("openai", "anthropic", "gemini", "ai21", "zhipu");
  }

  @Test
  void v2McpBlocksAndTextToolFallback() {
    Path spec = SpecDirectory.require();
    ProviderManifest openai = loader.load(spec.resolve("v2/providers/openai.yaml")).manifest();
    assertThat(openai.mcp()).isNotNull();
    assertThat(openai.mcp().clientSupported()).isTrue();
    assertThat(openai.mcp().configMethod()).isEqualTo("tool_parameter");
    ProviderManifest gemini = loader.load(spec.resolve("v2/providers/gemini.yaml")).manifest();
    assertThat(gemini.mcp().configMethod()).isEqualTo("sdk_config");
    assertThat(gemini.mcp().serverSupported()).isFalse();
    ProviderManifest deepseek = loader.load(spec.resolve("v2/providers/deepseek.yaml")).manifest();
    assertThat(deepseek.capabilities().textToolFallback()).isNotNull();
    assertThat(deepseek.capabilities().textToolFallback().wrapper()).isEqualTo("tool_call");
    assertThat(deepseek.capabilities().textToolFallback().dialects()).contains("shell", "dsml");
    ProviderManifest baidu = loader.load(spec.resolve("v2/providers/baidu.yaml")).manifest();
    assertThat(baidu.capabilities().textToolFallback()).isNull();
  }

  @Test
  void publishedContractsLoad() {
    Path spec = SpecDirectory.require();
    ProviderContract anthropic = ContractLoader.create().load(spec.resolve(
        "v2/contracts/anthropic-messages.contract.yaml"));
    assertThat(anthropic.apiStyle()).isEqualTo("anthropic_messages");
    assertThat(anthropic.document().format()).isEqualTo("anthropic_document");
    assertThat(anthropic.document().base64Field()).isEqualTo("source.data");
    ProviderContract gemini = ContractLoader.create().load(spec.resolve("v2/contracts/gemini-generate.contract.yaml"));
    assertThat(gemini.document().format()).isEqualTo("gemini_inline_data");
    assertThat(gemini.document().refResolution()).isEqualTo("error_before_encode");
  }
}
