package dev.ailib.protocol.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.core.spi.manifest.AuthSpec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Each place and shape a manifest can declare its credential in maps to the auth the credential chain needs
 * (small manifests written for this test; the compliance suite checks the published credential fixtures).
 */
class CredentialFixturesTest {
  private final ManifestLoader loader = ManifestLoader.create();

  private AuthSpec auth(String protocolVersion, String authYaml) {
    String yaml = "id: p1\nprotocol_version: \"" + protocolVersion + "\"\n" + authYaml;
    return loader.parse("auth.yaml", yaml.getBytes(StandardCharsets.UTF_8)).manifest().auth();
  }

  @Test
  void v1TopLevelAuth() {
    AuthSpec a = auth("1.5", """
        endpoint: {base_url: "https://example.test/v1", chat: /chat/completions}
        auth: {type: bearer, token_env: EXAMPLE_API_TOKEN}
        """);
    assertThat(a.type()).isEqualTo(AuthSpec.Type.BEARER);
    assertThat(a.headerName()).isEqualTo("Authorization");
    assertThat(a.tokenEnvVars()).containsExactly("EXAMPLE_API_TOKEN");
    assertThat(a.shadowedEnvVars()).isEmpty();
  }

  @Test
  void v2EndpointCustomHeader() {
    AuthSpec a = auth("2.0", """
        endpoint:
          base_url: "https://example.test/v1"
          chat: /chat/completions
          auth: {type: custom_header, header: X-Example-Token, token_env: EXAMPLE_TOKEN}
        """);
    assertThat(a.type()).isEqualTo(AuthSpec.Type.HEADER);
    assertThat(a.headerName()).isEqualTo("X-Example-Token");
    assertThat(a.tokenEnvVars()).containsExactly("EXAMPLE_TOKEN");
  }

  @Test
  void queryParamWithKeyEnv() {
    AuthSpec a = auth("1.5", """
        endpoint: {base_url: "https://example.test/v1", chat: /chat/completions}
        auth: {type: query_param, key_env: EXAMPLE_API_KEY, param_name: api_key}
        """);
    assertThat(a.type()).isEqualTo(AuthSpec.Type.QUERY);
    assertThat(a.queryParam()).isEqualTo("api_key");
    assertThat(a.tokenEnvVars()).containsExactly("EXAMPLE_API_KEY");
  }

  @Test
  void endpointAuthIsTheSingleSourceAndTheOtherIsShadowed() {
    AuthSpec a = auth("1.5", """
        endpoint:
          base_url: "https://example.test/v1"
          chat: /chat/completions
          auth: {type: bearer, token_env: EXAMPLE_NEW_TOKEN}
        auth: {type: api_key, key_env: EXAMPLE_OLD_KEY, header: X-Old-Key}
        """);
    assertThat(a.type()).isEqualTo(AuthSpec.Type.BEARER);
    assertThat(a.tokenEnvVars()).containsExactly("EXAMPLE_NEW_TOKEN");
    assertThat(a.shadowedEnvVars()).containsExactly("EXAMPLE_OLD_KEY");
  }
}
