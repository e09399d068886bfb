package dev.ailib.core.internal.resolve;

import static dev.ailib.core.internal.resolve.TestManifests.bearer;
import static dev.ailib.core.internal.resolve.TestManifests.manifest;
import static dev.ailib.core.internal.resolve.TestManifests.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.protocol.ProtocolSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelResolverTest {
  private final ProtocolSource source = source(
      manifest("acme", "https://api.acme.test/v1", bearer("ACME_KEY"), List.of("acme-large", "acme-small"), Map.of()),
      manifest("hub", "https://hub.test/api", bearer(), List.of("vendor/model-a"), Map.of("open_model_catalog", true)),
      manifest("bare", "https://bare.test", bearer(), List.of(), Map.of()),
      manifest("cloud", "https://${CLOUD_RESOURCE}.cloud.test/v1", bearer(), List.of(), Map.of()));
  private final ModelResolver resolver = new ModelResolver(source, Environment.of(Map.of("CLOUD_RESOURCE", "east")),
      false);

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
    ModelResolver lenient = new ModelResolver(source, Environment.of(Map.of()), true);
    assertThat(lenient.resolve(ModelRef.parse("acme/acme-huge")).modelId()).isEqualTo("acme-huge");
  }

  @Test
  void malformedReferencesSayTheExpectedForm() {
    for (String bad : new String[] {"acme-large", "/acme-large", "acme/", "  "}) {
      assertThatThrownBy(() -> ModelRef.parse(bad)).isInstanceOf(ProtocolException.class)
          .hasMessageContaining("provider/model");
    }
  }

  @Test
  void baseUrlPlaceholdersComeFromTheEnvironment() {
    assertThat(resolver.baseUrl(resolver.manifest("cloud"))).isEqualTo("https://east.cloud.test/v1");
    assertThat(resolver.baseUrl(resolver.manifest("acme"))).isEqualTo("https://api.acme.test/v1");
    ModelResolver noEnv = new ModelResolver(source, Environment.of(Map.of()), false);
    assertThat(noEnv.resolve(ModelRef.parse("cloud/m")).modelId()).isEqualTo("m"); // the URL is expanded only when used
    assertThatThrownBy(() -> noEnv.baseUrl(noEnv.manifest("cloud"))).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("CLOUD_RESOURCE");
  }
}
