package dev.ailib.core.spi.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.ProtocolException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** What a request refuses to carry, and what is printed of its URI. */
class TransportRequestTest {
  private static final URI OK = URI.create("https://api.acme.test/v1/chat");

  @Test
  void redactMasksUserInfoAndCredentialQueryParameters() {
    URI uri = URI.create("https://bob:s3cret-pass@api.acme.test:8443/v1/chat?key=k-123&alt=sse&api_token=t-9#frag");
    String shown = TransportRequest.redact(uri);
    assertThat(shown).isEqualTo("https://[redacted]@api.acme.test:8443/v1/chat?key=[redacted]&alt=sse&api_token=[redacted]");
    assertThat(TransportRequest.redact(URI.create("http://user@127.0.0.1/x"))).isEqualTo("http://[redacted]@127.0.0.1/x");
    assertThat(TransportRequest.redact(OK)).isEqualTo(OK.toString());
    assertThat(new TransportRequest("GET", uri, null, null).toString()).doesNotContain("s3cret").doesNotContain("k-123");
  }

  @Test
  void onlyHttpAndHttpsWithAHostAreAccepted() {
    for (String u : new String[] {"ftp://acme.test/x", "file:///etc/passwd", "ws://acme.test/x"}) {
      assertThatThrownBy(() -> new TransportRequest("POST", URI.create(u), null, null))
          .isInstanceOf(ProtocolException.class).hasMessageContaining("only http and https");
    }
    assertThatThrownBy(() -> new TransportRequest("GET", URI.create("ftp://bob:pw-77@acme.test/"), null, null))
        .hasMessageNotContaining("pw-77");
    assertThatThrownBy(() -> new TransportRequest("GET", URI.create("http:opaque"), null, null))
        .isInstanceOf(ProtocolException.class);
    assertThat(new TransportRequest("GET", URI.create("HTTP://acme.test/"), null, null).uri().getHost())
        .isEqualTo("acme.test");
  }

  @Test
  void headerNamesAndValuesThatHttpCannotCarryAreRefusedWithoutTheValue() {
    String secret = "sk-secret-0123456789";
    assertThatThrownBy(() -> new TransportRequest("GET", OK, HttpHeaders.of("X-Key\r\nX-Injected: 1", "v"), null))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("X-Key\\r\\nX-Injected: 1")
        .hasMessageContaining("U+000D at position 6").hasMessageNotContaining("\r");
    for (String bad : new String[] {"\r\n", "\n", "\u0000", "\u200b", "\ud83d\ude80", "\u00e9", "\u007f"}) {
      assertThatThrownBy(() -> new TransportRequest("GET", OK, HttpHeaders.of("Authorization", "Bearer " + secret
          + bad), null)).isInstanceOf(ProtocolException.class).hasMessageContaining("'Authorization'")
          .hasMessageNotContaining(secret);
    }
    assertThat(new TransportRequest("GET", OK, HttpHeaders.of("X-Ok", "visible ascii\tand tab ~!"), null)).isNotNull();
  }

  @Test
  void cleartextToAnotherHostIsTold() {
    assertThat(new TransportRequest("GET", URI.create("http://api.acme.test/"), null, null).cleartextToRemoteHost())
        .isTrue();
    for (String local : new String[] {"http://localhost:8080/", "http://127.0.0.1/", "http://127.9.9.9/",
        "http://[::1]:80/", "http://app.localhost/", "https://api.acme.test/"}) {
      assertThat(new TransportRequest("GET", URI.create(local), null, null).cleartextToRemoteHost()).as(local).isFalse();
    }
  }

  @Test
  void describeCharNamesTheCodePointAndPosition() {
    assertThat(HttpHeaders.describeChar("ab\ud83d\ude80", 2)).isEqualTo("U+1F680 at position 3 of 4");
    assertThat(HttpHeaders.invalidNameIndex("Content-Type")).isEqualTo(-1);
    assertThat(HttpHeaders.invalidNameIndex("")).isZero();
    assertThat(HttpHeaders.invalidValueIndex("a\u00ffb")).isEqualTo(1);
  }
}
