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
      specs.put(m, new ModelSpec(m, 128_000L, 4096L, 1.0, 2.0, Set.of()));
    }
    return new ProviderManifest(id, "2.0", id, "memory:" + id + ".yaml", WireStyle.OPENAI_CHAT,
        new EndpointSpec(baseUrl, "/chat/completions", null, Map.of(), "POST", Map.of()), auth, Map.of(),
        new CapabilitiesSpec(Set.of("text"), Set.of(), flags), null, null, null, null, null, specs);
  }

  static AuthSpec bearer(String... env) {
    return new AuthSpec(AuthSpec.Type.BEARER, "Authorization", "Bearer", null, List.of(env), Map.of());
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
