package dev.ailib.core.internal.resolve;

import static dev.ailib.core.internal.resolve.TestManifests.bearer;
import static dev.ailib.core.internal.resolve.TestManifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.AuthSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialResolverTest {
  private final ProviderManifest replicate = manifest("replicate", "https://r.test", bearer("REPLICATE_API_TOKEN"),
      List.of(), Map.of());

  private static CredentialResolver env(String... pairs) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return new CredentialResolver(Environment.of(m));
  }

  @Test
  void explicitWins() {
    Credential c = env("REPLICATE_API_TOKEN", "env-token-value", "REPLICATE_API_KEY", "conventional-key-value")
        .resolve(replicate, "explicit-token-value");
    assertThat(c.source()).isEqualTo(Credential.Source.EXPLICIT);
    assertThat(c.value()).isEqualTo("explicit-token-value");
    assertThat(c.toString()).doesNotContain("explicit-token-value").contains("<redacted>");
  }

  @Test
  void manifestVariableBeforeConventional() {
    Credential c = env("REPLICATE_API_TOKEN", "manifest-token-value", "REPLICATE_API_KEY", "conventional-key-value")
        .resolve(replicate, null);
    assertThat(c.source()).isEqualTo(Credential.Source.MANIFEST_ENV);
    assertThat(c.sourceName()).isEqualTo("REPLICATE_API_TOKEN");
    assertThat(c.value()).isEqualTo("manifest-token-value");
  }

  @Test
  void conventionalIsTheFallback() {
    Credential c = env("REPLICATE_API_KEY", "conventional-key-value").resolve(replicate, " ");
    assertThat(c.source()).isEqualTo(Credential.Source.CONVENTIONAL_ENV);
    assertThat(c.sourceName()).isEqualTo("REPLICATE_API_KEY");
  }

  @Test
  void missingNamesEveryVariableTriedAndNoValue() {
    assertThatThrownBy(() -> env("OTHER_API_KEY", "sk-other-secret").resolve(replicate, null))
        .isInstanceOfSatisfying(ProtocolException.class, e -> {
          assertThat(e.errorType()).isEqualTo(StandardErrorCode.AUTHENTICATION);
          assertThat(e.getMessage()).contains("replicate", "REPLICATE_API_TOKEN", "REPLICATE_API_KEY")
              .doesNotContain("sk-other-secret");
        });
    assertThat(CredentialResolver.variablesTried(replicate)).containsExactly("REPLICATE_API_TOKEN", "REPLICATE_API_KEY");
  }

  @Test
  void shadowedVariablesAreNeverReadButAreMentioned() {
    AuthSpec auth = AuthSpec.builder().type(AuthSpec.Type.BEARER).headerName("Authorization").prefix("Bearer")
        .tokenEnvVars(List.of("DUALAUTH_API_TOKEN")).shadowedEnvVars(List.of("DUALAUTH_LEGACY_KEY")).build();
    ProviderManifest dual = manifest("dualauth", "https://d.test", auth, List.of(), Map.of());
    assertThatThrownBy(() -> env("DUALAUTH_LEGACY_KEY", "legacy-key-value").resolve(dual, null))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("DUALAUTH_API_TOKEN")
        .hasMessageContaining("DUALAUTH_API_KEY").hasMessageContaining("DUALAUTH_LEGACY_KEY")
        .hasMessageNotContaining("legacy-key-value");
    assertThat(env("DUALAUTH_API_TOKEN", "endpoint-token-value", "DUALAUTH_LEGACY_KEY", "legacy-key-value")
        .resolve(dual, null).sourceName()).isEqualTo("DUALAUTH_API_TOKEN");
  }

  @Test
  void noAuthNeedsNoKeyAndIdsBecomeVariableNames() {
    AuthSpec none = AuthSpec.builder().type(AuthSpec.Type.NONE).build();
    assertThat(env().resolve(manifest("local", "http://127.0.0.1", none, List.of(), Map.of()), null))
        .isEqualTo(Credential.NONE);
    assertThat(CredentialResolver.conventionalVariable("acme-ai.v2")).isEqualTo("ACME_AI_V2_API_KEY");
  }
}
