package dev.ailib.core.internal.resolve;

import static dev.ailib.core.internal.resolve.TestManifests.bearer;
import static dev.ailib.core.internal.resolve.TestManifests.manifest;
import static dev.ailib.core.internal.resolve.TestManifests.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.protocol.ProtocolSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelResolverTest {
  private final ProtocolSource source = source(
      manifest("acme", "https://api.acme.test/v1", bearer("ACME_KEY"), List.of("acme-large", "acme-small"), Map.of()),
      manifest("hub", "https://hub.test/api", bearer(), List.of("vendor/model-a"), Map.of("open_model_catalog", true)),
      manifest("bare", "https://bare.test", bearer(), List.of(), Map.of()),
      manifest("cloud", "https://${CLOUD_RESOURCE}.cloud.test/v1", bearer(), List.of(), Map.of()),
      aliased());
  private final ModelResolver resolver = new ModelResolver(source, provider -> false);

  /** A manifest whose models have aliases, as the bundled ones for providers with dated ids and "-latest" aliases. */
  private static ProviderManifest aliased() {
    ProviderManifest m = manifest("vendor", "https://vendor.test/v1", bearer(), List.of("big-latest", "small-2"),
        Map.of());
    Map<String, ModelSpec> models = new LinkedHashMap<>(m.models());
    models.put("big-latest", models.get("big-latest").toBuilder().aliases(Set.of("big")).build());
    return m.toBuilder().models(models).build();
  }

  @Test
  void wireModelIdHasNoProviderPrefix() {
    ResolvedModel r = resolver.resolve(ModelRef.parse("acme/acme-large"));
    assertThat(r.providerId()).isEqualTo("acme");
    assertThat(r.modelId()).isEqualTo("acme-large");
    assertThat(r.model()).hasValueSatisfying(m -> assertThat(m.contextWindow()).isEqualTo(128_000L));
  }

  @Test
  void onlyTheFirstSlashSplits() {
    ResolvedModel r = resolver.resolve(ModelRef.parse("hub/vendor/model-a"));
    assertThat(r.providerId()).isEqualTo("hub");
    assertThat(r.modelId()).isEqualTo("vendor/model-a");
    assertThat(r.model()).isPresent();
  }

  @Test
  void unknownProviderListsProviders() {
    assertThatThrownBy(() -> resolver.resolve(ModelRef.parse("nope/x"))).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("unknown provider 'nope'").hasMessageContaining("acme, bare, cloud, hub");
  }

  @Test
  void unlistedModelOfAListingManifestIsRejectedWithTheList() {
    assertThatThrownBy(() -> resolver.resolve(ModelRef.parse("acme/acme-huge"))).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("unknown model 'acme-huge'").hasMessageContaining("acme-large, acme-small")
        .hasMessageContaining("memory:acme.yaml");
  }

  @Test
  void unlistedModelAllowedWithoutListOpenCatalogOrOptIn() {
    assertThat(resolver.resolve(ModelRef.parse("bare/anything")).model()).isEmpty();
    assertThat(resolver.resolve(ModelRef.parse("hub/other/model-z")).modelId()).isEqualTo("other/model-z");
    ModelResolver lenient = new ModelResolver(source, provider -> true);
    assertThat(lenient.resolve(ModelRef.parse("acme/acme-huge")).modelId()).isEqualTo("acme-huge");
    ModelResolver perProvider = new ModelResolver(source, "acme"::equals);
    assertThat(perProvider.resolve(ModelRef.parse("acme/acme-huge")).model()).isEmpty();
    assertThatThrownBy(() -> perProvider.resolve(ModelRef.parse("vendor/huge"))).hasMessageContaining("unknown model");
  }

  @Test
  void theErrorForAnUnlistedIdSaysHowToAllowIt() {
    assertThatThrownBy(() -> resolver.resolve(ModelRef.parse("vendor/huge")))
        .hasMessageContaining("big-latest (alias big), small-2")
        .hasMessageContaining("AiClientBuilder.allowUnlistedModels(\"vendor\")")
        .hasMessageContaining("allowUnlistedModels() for every provider")
        .hasMessageNotContaining("allow unlisted models");
  }

  @Test
  void datedSnapshotsOfListedIdsHaveTheirMetadataAndAreSentAsWritten() {
    for (String dated : new String[] {"acme-large-20241022", "acme-large-2024-08-06", "acme-large-0613",
        "acme-large-001", "acme-large-08-2024"}) {
      ResolvedModel r = resolver.resolve(ModelRef.parse("acme/" + dated));
      assertThat(r.modelId()).isEqualTo(dated);
      assertThat(r.model()).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo("acme-large"));
    }
    // a suffix that is not a version is not a snapshot
    assertThatThrownBy(() -> resolver.resolve(ModelRef.parse("acme/acme-large-turbo")))
        .hasMessageContaining("unknown model 'acme-large-turbo'");
    assertThatThrownBy(() -> resolver.resolve(ModelRef.parse("acme/acme-large-12")))
        .hasMessageContaining("unknown model");
  }

  @Test
  void anAliasIsSentAsTheListedIdAndASnapshotOfAnAliasAsWritten() {
    ResolvedModel alias = resolver.resolve(ModelRef.parse("vendor/big"));
    assertThat(alias.modelId()).isEqualTo("big-latest");
    assertThat(alias.model()).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo("big-latest"));
    ResolvedModel snapshot = resolver.resolve(ModelRef.parse("vendor/big-20241022"));
    assertThat(snapshot.modelId()).isEqualTo("big-20241022");
    assertThat(snapshot.model()).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo("big-latest"));
    assertThat(resolver.resolve(ModelRef.parse("vendor/big-latest")).modelId()).isEqualTo("big-latest");
  }

  @Test
  void anAmbiguousAliasIsAnErrorNamingBothModels() {
    ProviderManifest m = aliased();
    Map<String, ModelSpec> models = new LinkedHashMap<>(m.models());
    models.put("small-2", models.get("small-2").toBuilder().aliases(Set.of("big")).build());
    ProviderManifest twice = m.toBuilder().models(models).build();
    assertThatThrownBy(() -> resolver.resolve(ModelRef.parse("vendor/small-2"), twice))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("'big'").hasMessageContaining("big-latest")
        .hasMessageContaining("small-2");
    models.put("small-2", models.get("small-2").toBuilder().aliases(Set.of("big-latest")).build());
    ProviderManifest listed = m.toBuilder().models(models).build();
    assertThatThrownBy(() -> resolver.resolve(ModelRef.parse("vendor/small-2"), listed))
        .hasMessageContaining("is itself a listed model");
  }

  @Test
  void malformedReferencesSayTheExpectedForm() {
    for (String bad : new String[] {"acme-large", "/acme-large", "acme/", "  "}) {
      assertThatThrownBy(() -> ModelRef.parse(bad)).isInstanceOf(ProtocolException.class)
          .hasMessageContaining("provider/model");
    }
  }

  @Test
  void placeholdersComeFromTheEnvironmentAndAnUnsetOneIsNamedWithTheWayAround() {
    Placeholders env = new Placeholders(Environment.of(Map.of("CLOUD_RESOURCE", "east")));
    ProviderManifest cloud = resolver.manifest("cloud");
    assertThat(env.fill(cloud, "endpoint.base_url", cloud.endpoint().baseUrl())).isEqualTo("https://east.cloud.test/v1");
    assertThat(env.fill(cloud, "endpoint.base_url", "https://plain.test")).isEqualTo("https://plain.test");
    Placeholders none = new Placeholders(Environment.of(Map.of()));
    assertThatThrownBy(() -> none.fill(cloud, "endpoint.base_url", cloud.endpoint().baseUrl()))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("CLOUD_RESOURCE")
        .hasMessageContaining("AiClientBuilder.baseUrl(\"cloud\", url)")
        .satisfies(e -> assertThat(((ProtocolException) e).location()).hasValueSatisfying(
            l -> assertThat(l.field()).isEqualTo("endpoint.base_url")));
  }
}
