package dev.ailib.core.internal.resolve;

import dev.ailib.core.spi.manifest.AuthSpec;
import dev.ailib.core.spi.manifest.CapabilitiesSpec;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.WireStyle;
import dev.ailib.core.spi.protocol.ProtocolSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Small in-memory manifests and a source over them. */
final class TestManifests {
  private TestManifests() {
  }

  static ProviderManifest manifest(String id, String baseUrl, AuthSpec auth, List<String> models,
      Map<String, Boolean> flags) {
    Map<String, ModelSpec> specs = new LinkedHashMap<>();
    for (String m : models) {
      specs.put(m, ModelSpec.builder().id(m).contextWindow(128_000L).maxOutputTokens(4096L).inputPricePer1m(1.0)
          .outputPricePer1m(2.0).build());
    }
    return ProviderManifest.builder().id(id).protocolVersion("2.0").name(id).source("memory:" + id + ".yaml")
        .wireStyle(WireStyle.OPENAI_CHAT)
        .endpoint(EndpointSpec.builder().baseUrl(baseUrl).chatPath("/chat/completions").method("POST").build())
        .auth(auth).capabilities(CapabilitiesSpec.builder().required(Set.of("text")).featureFlags(flags).build())
        .models(specs).build();
  }

  static AuthSpec bearer(String... env) {
    return AuthSpec.builder().type(AuthSpec.Type.BEARER).headerName("Authorization").prefix("Bearer")
        .tokenEnvVars(List.of(env)).build();
  }

  static ProtocolSource source(ProviderManifest... manifests) {
    Map<String, ProviderManifest> byId = new LinkedHashMap<>();
    for (ProviderManifest m : manifests) {
      byId.put(m.id(), m);
    }
    return new ProtocolSource() {
      @Override
      public Optional<ProviderManifest> manifest(String providerId) {
        return Optional.ofNullable(byId.get(providerId));
      }

      @Override
      public Set<String> providerIds() {
        return byId.keySet();
      }
    };
  }
}
