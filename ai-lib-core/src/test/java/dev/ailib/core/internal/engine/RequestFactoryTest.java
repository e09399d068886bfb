package dev.ailib.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.internal.codec.TestManifests;
import dev.ailib.core.internal.resolve.Placeholders;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.transport.TransportRequest;
import java.net.URI;
import org.junit.jupiter.api.Test;

class RequestFactoryTest {
  private static final String KEY = "sk-abc-123456";
  private static final Placeholders NO_ENV = new Placeholders(Environment.of(java.util.Map.of()));

  private static TransportRequest build(ProviderManifest m, String base, String model, boolean stream) {
    Target t = Target.of(m.id(), model, m, null, new Secret(KEY), URI.create(base), NO_ENV);
    return t.template(stream).request(new byte[] {'{', '}'}, Long.MAX_VALUE);
  }

  @Test
  void bearerAuth() {
    TransportRequest r = build(TestManifests.chat("u"), "http://h:1/v1/", "m1", true);
    assertThat(r.uri().toString()).isEqualTo("http://h:1/v1/chat/completions");
    assertThat(r.headers().first("Authorization")).contains("Bearer " + KEY);
    assertThat(r.headers().first("Accept")).contains("text/event-stream");
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.toString()).doesNotContain(KEY);
  }

  @Test
  void customHeaderAndExtraHeaders() {
    TransportRequest r = build(TestManifests.messages("u"), "http://h/v1", "c1", false);
    assertThat(r.headers().first("x-api-key")).contains(KEY);
    assertThat(r.headers().first("anthropic-version")).contains("2023-06-01");
    assertThat(r.headers().first("Authorization")).isEmpty();
  }

  @Test
  void queryKeyModelInPathAndStreamQuery() {
    TransportRequest plain = build(TestManifests.generate("u"), "http://h/v1beta", "g-1.5", false);
    assertThat(plain.uri().toString()).isEqualTo("http://h/v1beta/models/g-1.5:generateContent?key=" + KEY);
    TransportRequest stream = build(TestManifests.generate("u"), "http://h/v1beta", "g 2", true);
    assertThat(stream.uri().getRawPath()).isEqualTo("/v1beta/models/g%202:streamGenerateContent");
    assertThat(stream.uri().getRawQuery()).isEqualTo("alt=sse&key=" + KEY);
    assertThat(stream.redactedUri()).doesNotContain(KEY);
    assertThat(stream.headers().first("Authorization")).isEmpty();
  }

  @Test
  void aModelIdCannotMoveTheRequestToAnotherPath() {
    for (String bad : new String[] {"../../../admin/delete", "..", ".", "a/../b", "a/./b", "/abs", "a//b", "a/"}) {
      assertThatThrownBy(() -> build(TestManifests.generate("u"), "http://h/v1beta", bad, false))
          .as(bad).isInstanceOf(ProtocolException.class)
          .hasMessageContaining("model id '" + bad + "'")
          .hasMessageContaining("/models/{model}:generateContent")
          .hasMessageNotContaining(KEY);
    }
  }

  @Test
  void pathUnsafeCharactersOfAModelIdArePercentEncoded() {
    TransportRequest r = build(TestManifests.generate("u"), "http://h/v1beta", "m?x=1#f%2e%2e\\y z..w", false);
    assertThat(r.uri().getRawPath()).isEqualTo("/v1beta/models/m%3Fx%3D1%23f%252e%252e%5Cy%20z..w:generateContent");
    assertThat(r.uri().getRawQuery()).isEqualTo("key=" + KEY); // nothing of the id leaked into the query
    assertThat(r.uri().getRawFragment()).isNull();
    TransportRequest nested = build(TestManifests.generate("u"), "http://h/v1beta", "tunedModels/my-model.v2", false);
    assertThat(nested.uri().getRawPath()).isEqualTo("/v1beta/models/tunedModels/my-model.v2:generateContent");
  }

  @Test
  void aModelIdInTheBodyOnlyIsNotChecked() {
    TransportRequest r = build(TestManifests.chat("u"), "http://h/v1", "vendor/../model", false);
    assertThat(r.uri().getRawPath()).isEqualTo("/v1/chat/completions");
  }

  @Test
  void headersOfOneRequestAreAddedToACopyAndExtendTheTemplatesOwn() {
    Target t = Target.of("msgco", "c1", TestManifests.messages("u"), null, new Secret(KEY),
        URI.create("http://h/v1"), NO_ENV);
    TransportRequest plain = t.template(false).request(new byte[0], Long.MAX_VALUE, java.util.Map.of());
    assertThat(plain.headers()).isSameAs(t.chat().headers());
    TransportRequest r = t.template(false).request(new byte[0], Long.MAX_VALUE,
        java.util.Map.of("anthropic-beta", "mcp-client-2025-11-20", "Anthropic-Version", "extra"));
    assertThat(r.headers().first("anthropic-beta")).contains("mcp-client-2025-11-20");
    assertThat(r.headers().all("anthropic-version")).containsExactly("2023-06-01, extra");
    assertThat(r.headers().first("x-api-key")).contains(KEY);
    assertThat(t.chat().headers().first("anthropic-beta")).isEmpty(); // the template is untouched
  }

  @Test
  void placeholdersInPathsAndHeaderValuesComeFromTheEnvironmentAndAnUnsetOneIsNamed() {
    ProviderManifest m = TestManifests.chat("u").toBuilder()
        .endpoint(TestManifests.chat("u").endpoint().toBuilder().chatPath("/deployments/${DEPLOYMENT}/chat/completions")
            .build())
        .auth(TestManifests.chat("u").auth().toBuilder().extraHeaders(java.util.Map.of("x-tenant", "${TENANT}"))
            .build())
        .build();
    Placeholders env = new Placeholders(Environment.of(java.util.Map.of("DEPLOYMENT", "d1", "TENANT", "t-7")));
    Target t = Target.of(m.id(), "m1", m, null, new Secret(KEY),
        URI.create("http://h/v1"), env);
    TransportRequest r = t.template(false).request(new byte[0], Long.MAX_VALUE);
    assertThat(r.uri().getRawPath()).isEqualTo("/v1/deployments/d1/chat/completions");
    assertThat(r.headers().first("x-tenant")).contains("t-7");
    assertThatThrownBy(() -> Target.of(m.id(), "m1", m, null, new Secret(KEY),
        URI.create("http://h/v1"), new Placeholders(Environment.of(java.util.Map.of("TENANT", "t")))))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("DEPLOYMENT").hasMessageContaining("chat path");
  }
}
