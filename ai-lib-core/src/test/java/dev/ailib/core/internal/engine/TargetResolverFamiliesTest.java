package dev.ailib.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.core.internal.resolve.CredentialResolver;
import dev.ailib.core.internal.resolve.ModelRef;
import dev.ailib.core.internal.resolve.ModelResolver;
import dev.ailib.core.internal.resolve.Placeholders;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.AuthSpec;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.WireStyle;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model of another API family resolves to that family, and its target is reused like any other. */
class TargetResolverFamiliesTest {
  private static final ProviderManifest MANIFEST = ProviderManifest.builder().id("acme").source("test:acme")
      .wireStyle(WireStyle.OPENAI_CHAT)
      .endpoint(EndpointSpec.builder().baseUrl("https://api.acme.test/v1").chatPath("/chat/completions").build())
      .auth(AuthSpec.builder().type(AuthSpec.Type.NONE).build())
      .addApiFamily(ProviderManifest.builder().id("acme").source("test:acme").apiFamily("responses")
          .wireStyle(WireStyle.OPENAI_RESPONSES)
          .endpoint(EndpointSpec.builder().baseUrl("https://api.acme.test/v1").chatPath("/responses").build())
          .auth(AuthSpec.builder().type(AuthSpec.Type.NONE).build()).build())
      .model(ModelSpec.builder().id("pro").apiFamily("responses").aliases(java.util.Set.of("pro-latest")).build())
      .model(ModelSpec.builder().id("mini").build()).build();

  private static TargetResolver resolver(String model) {
    Environment env = Environment.of(Map.of());
    return new TargetResolver(ModelRef.parse(model), new ModelResolver(new StaticSource(MANIFEST), provider -> false),
        new CredentialResolver(env), new Placeholders(env), true, false, null, null);
  }

  @Test
  void aResponsesModelGetsTheFamilysManifestAndItsTargetIsReused() {
    TargetResolver pro = resolver("acme/pro");
    Target first = pro.resolve();
    assertThat(first.manifest()).isSameAs(MANIFEST.apiFamilies().get("responses"));
    assertThat(first.modelId()).isEqualTo("pro");
    assertThat(first.template(false).uri().getPath()).isEqualTo("/v1/responses");
    assertThat(pro.resolve()).as("reused while the source returns the same manifest").isSameAs(first);

    // an alias and a dated snapshot of the listed id are served by its family too, and reused as well
    for (String other : new String[] {"acme/pro-latest", "acme/pro-20250101"}) {
      TargetResolver r = resolver(other);
      Target t = r.resolve();
      assertThat(t.manifest()).as(other).isSameAs(MANIFEST.apiFamilies().get("responses"));
      assertThat(r.resolve()).as(other).isSameAs(t);
    }
    assertThat(resolver("acme/pro-latest").resolve().modelId()).isEqualTo("pro");

    TargetResolver mini = resolver("acme/mini");
    assertThat(mini.resolve().manifest()).isSameAs(MANIFEST);
    assertThat(mini.resolve()).isSameAs(mini.resolve());
  }
}
