package dev.ailib.core.spi.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A manifest's other API families: which manifest serves a model, and what a family must be. */
class ApiFamiliesTest {
  private static ProviderManifest.Builder base(String id) {
    return ProviderManifest.builder().id(id).source("test:" + id).wireStyle(WireStyle.OPENAI_CHAT)
        .endpoint(EndpointSpec.builder().baseUrl("https://api.test/v1").chatPath("/chat/completions").build())
        .auth(AuthSpec.builder().type(AuthSpec.Type.NONE).build());
  }

  private static ProviderManifest responses(String id) {
    return base(id).apiFamily("responses").wireStyle(WireStyle.OPENAI_RESPONSES)
        .endpoint(EndpointSpec.builder().baseUrl("https://api.test/v1").chatPath("/responses").build()).build();
  }

  @Test
  void aModelIsServedByTheFamilyItNamesAndEveryOtherByTheManifest() {
    ProviderManifest family = responses("acme");
    ProviderManifest m = base("acme").apiFamily("chat_completions").addApiFamily(family)
        .model(ModelSpec.builder().id("pro").apiFamily("responses").build())
        .model(ModelSpec.builder().id("mini").build())
        .model(ModelSpec.builder().id("explicit").apiFamily("chat_completions").build()).build();
    assertThat(m.forModel("pro")).isSameAs(m.apiFamilies().get("responses"));
    assertThat(m.forModel("pro").wireStyle()).isEqualTo(WireStyle.OPENAI_RESPONSES);
    assertThat(m.forModel("pro").endpoint().chatPath()).isEqualTo("/responses");
    assertThat(m.forModel("mini")).isSameAs(m);
    assertThat(m.forModel("explicit")).isSameAs(m);
    assertThat(m.forModel("unlisted")).isSameAs(m);
    assertThat(m.toBuilder().build()).isEqualTo(m);
    assertThat(m.toBuilder().build().forModel("pro")).isEqualTo(family);
  }

  @Test
  void aModelNamingAnUndeclaredFamilyFailsTheBuild() {
    assertThatThrownBy(() -> base("acme").model(ModelSpec.builder().id("pro").apiFamily("responses").build()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model 'pro' names API family 'responses', which the manifest does not declare");
  }

  @Test
  void aFamilyIsAManifestOfTheSameProviderNamingItselfWithoutFamiliesOfItsOwn() {
    assertThatThrownBy(() -> base("acme").apiFamilies(java.util.Map.of("responses", responses("other"))).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found id 'other'");
    assertThatThrownBy(() -> base("acme").apiFamilies(java.util.Map.of("batch", responses("acme"))).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiFamily 'responses'");
    ProviderManifest nested = responses("acme").toBuilder().apiFamily("outer").addApiFamily(responses("acme"))
        .build();
    assertThatThrownBy(() -> base("acme").addApiFamily(nested).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 families");
    assertThatThrownBy(() -> base("acme").addApiFamily(base("acme").build()))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("apiFamily");
  }
}
