package dev.ailib.protocol.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.AuthSpec;
import dev.ailib.core.spi.manifest.ModelPricing;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.StreamingSpec;
import dev.ailib.core.spi.manifest.WireStyle;
import dev.ailib.core.spi.protocol.ProtocolSource;
import dev.ailib.core.spi.protocol.ProtocolSourceConfig;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The manifests bundled in the jar: all load, each wire style is declared, OpenAI-compatible ones differ in data. */
class BundledManifestsTest {
  private static final List<String> REQUIRED = List.of("openai", "anthropic", "gemini", "deepseek", "mistral", "groq",
      "qwen", "moonshot", "zhipu", "xai", "openrouter", "together", "perplexity", "cohere", "azure");

  private final ProtocolSource source = new YamlProtocolSourceProvider().create(
      new ProtocolSourceConfig(null, Environment.of(Map.of())));

  @Test
  void foundByServiceLoader() {
    assertThat(ServiceLoader.load(dev.ailib.core.spi.protocol.ProtocolSourceProvider.class).stream()
        .map(p -> p.type().getName())).contains(YamlProtocolSourceProvider.class.getName());
  }

  @Test
  void everyRequiredProviderIsBundledAndLoads() {
    assertThat(source.providerIds()).containsAll(REQUIRED);
    for (String id : source.providerIds()) {
      ProviderManifest m = source.manifest(id).orElseThrow();
      assertThat(m.source()).as(id).startsWith("bundled:");
      assertThat(m.models()).as(id + " models").hasSizeGreaterThanOrEqualTo(2);
      assertThat(m.auth().tokenEnvVars()).as(id).isNotEmpty();
      if (m.endpoint().chatPath() == null) { // an embeddings and rerank provider: BundledOperationsTest
        assertThat(m.endpoint().operations()).as(id + " operations").isNotEmpty();
        continue;
      }
      assertThat(m.streaming()).as(id + " streaming").isNotNull();
      assertThat(m.streaming().eventMap()).as(id + " event map").isNotEmpty();
      assertThat(m.endpoint().chatPath()).as(id).isNotBlank();
      assertThat(m.auth().tokenEnvVars()).as(id).isNotEmpty();
      assertThat(m.wireStyle()).as(id).isNotEqualTo(WireStyle.UNSUPPORTED);
    }
  }

  @Test
  void openAiCompatibleProvidersDifferOnlyInData() {
    StreamingSpec reference = source.manifest("openai").orElseThrow().streaming();
    for (String id : REQUIRED) {
      ProviderManifest m = source.manifest(id).orElseThrow();
      if (id.equals("anthropic") || id.equals("gemini") || id.equals("cohere")) {
        continue;
      }
      assertThat(m.wireStyle()).as(id).isEqualTo(WireStyle.OPENAI_CHAT);
      assertThat(m.streaming().decoder()).as(id).isEqualTo(reference.decoder());
      assertThat(m.streaming().eventMap()).as(id).extracting(r -> r.match() + " -> " + r.emitName())
          .containsExactlyElementsOf(reference.eventMap().stream().map(r -> r.match() + " -> " + r.emitName())
              .toList());
    }
  }

  @Test
  void anthropicGeminiAndCohereDeclareTheirOwnStyles() {
    ProviderManifest anthropic = source.manifest("anthropic").orElseThrow();
    assertThat(anthropic.wireStyle()).isEqualTo(WireStyle.ANTHROPIC_MESSAGES);
    assertThat(anthropic.auth().type()).isEqualTo(AuthSpec.Type.HEADER);
    assertThat(anthropic.auth().headerName()).isEqualTo("x-api-key");
    assertThat(anthropic.auth().extraHeaders()).containsEntry("anthropic-version", "2023-06-01");
    assertThat(anthropic.streaming().decoder().format()).isEqualTo("anthropic_sse");
    assertThat(anthropic.streaming().stopCondition()).isEqualTo("$.type == 'message_stop'");

    ProviderManifest gemini = source.manifest("google").orElseThrow();
    assertThat(gemini.id()).isEqualTo("gemini");
    assertThat(gemini.wireStyle()).isEqualTo(WireStyle.GEMINI_GENERATE_CONTENT);
    assertThat(gemini.endpoint().chatPath()).isEqualTo("/models/{model}:generateContent");
    assertThat(gemini.endpoint().streamChatPath()).isEqualTo("/models/{model}:streamGenerateContent");
    assertThat(gemini.endpoint().streamQuery()).isEqualTo(Map.of("alt", "sse"));
    assertThat(gemini.auth().headerName()).isEqualTo("x-goog-api-key");
    assertThat(gemini.parameters().get("max_tokens").wireName()).isEqualTo("maxOutputTokens");

    ProviderManifest cohere = source.manifest("cohere").orElseThrow();
    assertThat(cohere.wireStyle()).isEqualTo(WireStyle.COHERE_V2);
    assertThat(cohere.wireStyleField()).isEqualTo("api_style");
    assertThat(cohere.endpoint().baseUrl()).isEqualTo("https://api.cohere.com/v2");
    assertThat(cohere.endpoint().chatPath()).isEqualTo("/chat");
    assertThat(cohere.parameters().get("top_p").wireName()).isEqualTo("p");
  }

  @Test
  void everyBundledPriceSaysWhenAndWhereItWasTaken() {
    // a bundled price without its date and source cannot be checked or trusted: such models carry none (unknown cost)
    int priced = 0;
    for (String id : source.providerIds()) {
      for (Map.Entry<String, ModelSpec> e : source.manifest(id).orElseThrow().models().entrySet()) {
        ModelPricing p = e.getValue().pricing();
        if (p == null) {
          continue;
        }
        String what = id + "/" + e.getKey();
        assertThat(p.lastUpdated()).as(what + " last_updated").isNotNull();
        assertThat(p.source()).as(what + " source").startsWith("https://");
        assertThat(p.currency()).as(what + " currency").isEqualTo("USD");
        assertThat(p.base().inputPer1m()).as(what + " input price").isPositive();
        assertThat(p.base().outputPer1m()).as(what + " output price").isPositive();
        priced++;
      }
    }
    assertThat(priced).isGreaterThanOrEqualTo(30);
    for (String id : List.of("openai", "anthropic", "gemini", "deepseek", "groq")) {
      assertThat(source.manifest(id).orElseThrow().models().values()).as(id)
          .anySatisfy(m -> assertThat(m.pricing()).isNotNull());
    }
  }

  @Test
  void aggregatorsAndAzureAcceptAnyModel() {
    for (String id : List.of("openrouter", "together", "azure")) {
      assertThat(source.manifest(id).orElseThrow().capabilities().featureFlags()).as(id)
          .containsEntry("open_model_catalog", true);
    }
    assertThat(source.manifest("azure").orElseThrow().endpoint().baseUrl()).contains("${AZURE_OPENAI_RESOURCE}");
  }

  @Test
  void aliasesOfBundledModelsAreNamesTheProvidersDoNotKnowAndNeverListedIds() {
    // the Claude API knows claude-3-5-sonnet-latest and dated ids, not claude-3-5-sonnet: the alias is sent as the id
    assertThat(source.manifest("anthropic").orElseThrow().models().get("claude-3-5-sonnet-latest").aliases())
        .containsExactly("claude-3-5-sonnet");
    assertThat(source.manifest("mistral").orElseThrow().models().get("mistral-large-latest").aliases())
        .containsExactly("mistral-large");
    for (String id : source.providerIds()) {
      ProviderManifest m = source.manifest(id).orElseThrow();
      m.models().values().forEach(spec -> assertThat(spec.aliases()).as(id + "/" + spec.id())
          .doesNotContainAnyElementsOf(m.models().keySet()));
    }
  }
}
