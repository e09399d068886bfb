package dev.ailib.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.internal.codec.TestManifests;
import dev.ailib.core.internal.codec.WireCodec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.transport.HttpHeaders;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {
  private static final Instant CLOCK = Instant.parse("2026-01-01T00:00:00Z");
  private static final String KEY = "sk-SECRET-0123456789";

  private static Target target(ProviderManifest m) {
    return Target.of(m.id(), "m1", m, null, WireCodec.forStyle(m.wireStyle()), new Secret(KEY),
        URI.create("http://x"));
  }

  private static RemoteException classify(ProviderManifest m, int status, HttpHeaders h, String body) {
    return ErrorClassifier.classify(target(m), status, h, body.getBytes(StandardCharsets.UTF_8), CLOCK);
  }

  @Test
  void providerCodeWinsOverStatus() {
    RemoteException e = classify(TestManifests.chat("http://x"), 429, HttpHeaders.EMPTY,
        "{\"error\":{\"message\":\"You exceeded your quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}");
    assertThat(e.errorType()).isEqualTo(StandardErrorCode.QUOTA_EXHAUSTED);
    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.providerCode()).contains("insufficient_quota");
    assertThat(e.getMessage()).contains("HTTP 429").contains("You exceeded your quota").contains("'acme'");
  }

  @Test
  void typeFieldAndStatusFieldAreProviderCodes() {
    RemoteException msg = classify(TestManifests.messages("http://x"), 529, HttpHeaders.EMPTY,
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
    assertThat(msg.errorType()).isEqualTo(StandardErrorCode.OVERLOADED);
    RemoteException gen = classify(TestManifests.generate("http://x"), 429, HttpHeaders.EMPTY,
        "{\"error\":{\"code\":429,\"message\":\"slow down\",\"status\":\"RESOURCE_EXHAUSTED\"}}");
    assertThat(gen.errorType()).isEqualTo(StandardErrorCode.RATE_LIMITED);
    assertThat(gen.providerCode()).contains("RESOURCE_EXHAUSTED");
  }

  @Test
  void manifestStatusThenStandardMapping() {
    assertThat(classify(TestManifests.messages("http://x"), 529, HttpHeaders.EMPTY, "").errorType())
        .isEqualTo(StandardErrorCode.OVERLOADED);
    assertThat(classify(TestManifests.chat("http://x"), 401, HttpHeaders.EMPTY, "not json").errorType())
        .isEqualTo(StandardErrorCode.AUTHENTICATION);
    assertThat(classify(TestManifests.chat("http://x"), 502, HttpHeaders.EMPTY, "{}").errorType())
        .isEqualTo(StandardErrorCode.SERVER_ERROR);
  }

  @Test
  void retryAfterAndRequestIdAreKept() {
    RemoteException e = classify(TestManifests.chat("http://x"), 429,
        HttpHeaders.of("Retry-After", "7", "x-request-id", "req-42"), "{}");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.requestId()).contains("req-42");
    assertThat(e.getMessage()).contains("req-42");
    RemoteException other = classify(TestManifests.generate("http://x"), 500,
        HttpHeaders.of("x-goog-request-id", "g-1"), "{}");
    assertThat(other.requestId()).contains("g-1");
  }

  @Test
  void echoedKeyIsMasked() {
    RemoteException e = classify(TestManifests.chat("http://x"), 401, HttpHeaders.EMPTY,
        "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\",\"code\":\"invalid_api_key\"}}");
    assertThat(e.getMessage()).doesNotContain(KEY).contains("[redacted]");
    assertThat(e.errorType()).isEqualTo(StandardErrorCode.AUTHENTICATION);
  }

  @Test
  void retryAfterForms() {
    assertThat(RetryAfter.parse(HttpHeaders.of("retry-after-ms", "1500", "Retry-After", "9"), null, CLOCK))
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(RetryAfter.parse(HttpHeaders.of("Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT"), null, CLOCK))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse(HttpHeaders.of("Retry-After", "Wed, 31 Dec 2025 23:00:00 GMT"), null, CLOCK))
        .isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse(HttpHeaders.of("Retry-After", "soon"), null, CLOCK)).isNull();
    assertThat(RetryAfter.parse(HttpHeaders.of("Retry-After", "-3"), null, CLOCK)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse(HttpHeaders.of("x-wait", "2"), "x-wait", CLOCK)).isEqualTo(Duration.ofSeconds(2));
  }
}
