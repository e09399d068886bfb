package dev.ailib.protocol.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.core.spi.manifest.AuthSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The credential fixtures of the compliance suite map to the auth the credential chain needs. */
class CredentialFixturesTest {
  private final ManifestLoader loader = ManifestLoader.create();

  private AuthSpec auth(String fixture) {
    Path p = SpecDir.require().resolve("tests/compliance/fixtures/providers").resolve(fixture);
    return loader.load(p).manifest().auth();
  }

  @Test
  void v1TopLevelAuth() {
    AuthSpec a = auth("mock-credential-v1.yaml");
    assertThat(a.type()).isEqualTo(AuthSpec.Type.BEARER);
    assertThat(a.tokenEnvVars()).containsExactly("REPLICATE_API_TOKEN");
    assertThat(a.shadowedEnvVars()).isEmpty();
  }

  @Test
  void v2EndpointCustomHeader() {
    AuthSpec a = auth("mock-credential-v2-endpoint.yaml");
    assertThat(a.type()).isEqualTo(AuthSpec.Type.HEADER);
    assertThat(a.headerName()).isEqualTo("X-Provider-Token");
    assertThat(a.tokenEnvVars()).containsExactly("HEADERAUTH_TOKEN");
  }

  @Test
  void queryParamWithKeyEnv() {
    AuthSpec a = auth("mock-credential-query-param.yaml");
    assertThat(a.type()).isEqualTo(AuthSpec.Type.QUERY);
    assertThat(a.queryParam()).isEqualTo("api_key");
    assertThat(a.tokenEnvVars()).containsExactly("QUERYAUTH_API_KEY");
  }

  @Test
  void endpointAuthIsTheSingleSourceAndTheOtherIsShadowed() {
    AuthSpec a = auth("mock-credential-dual-auth.yaml");
    assertThat(a.type()).isEqualTo(AuthSpec.Type.BEARER);
    assertThat(a.tokenEnvVars()).containsExactly("DUALAUTH_API_TOKEN");
    assertThat(a.shadowedEnvVars()).containsExactly("DUALAUTH_LEGACY_KEY");
  }
}
