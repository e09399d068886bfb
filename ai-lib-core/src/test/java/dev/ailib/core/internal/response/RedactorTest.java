package dev.ailib.core.internal.response;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.SourceLocation;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.TransportException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static final String KEY = "sk-proj-0123456789abcdefghijklmnopqrstuvwxyzAB";
  private final Redactor r = Redactor.of(KEY);

  @Test
  void masksWholeSecretsAndFragmentsOfThem() {
    assertThat(r.redact("key " + KEY + " end")).isEqualTo("key [redacted] end");
    // cut by someone else: 20 characters of the key survive a truncation elsewhere
    assertThat(r.redact("token '" + KEY.substring(0, 20) + "...' is bad")).isEqualTo("token '[redacted]...' is bad");
    assertThat(r.redact("tail " + KEY.substring(KEY.length() - 9))).isEqualTo("tail [redacted]");
    assertThat(r.redact("nothing here")).isEqualTo("nothing here");
    assertThat(r.redact(null)).isNull();
    assertThat(r.reveals("x" + KEY.substring(3, 11))).isTrue();
    assertThat(r.reveals("x" + KEY.substring(3, 10))).isFalse();
  }

  @Test
  void masksBeforeCutting() {
    String text = "a".repeat(490) + KEY + "b".repeat(100);
    String clipped = r.clip(text, 500);
    assertThat(clipped).isEqualTo("a".repeat(490) + "[redacted]" + "...");
    assertThat(clipped).doesNotContain(KEY.substring(0, 8));
  }

  @Test
  void shortSecretsAreIgnored() {
    assertThat(Redactor.of("abc", null).isEmpty()).isTrue();
    assertThat(Redactor.of("abcd").redact("xabcdx")).isEqualTo("x[redacted]x");
  }

  @Test
  void userInfoOfTheBaseUrl() {
    Redactor call = Redactor.forCall(KEY, URI.create("https://bob:hunter%2342@proxy.test/v1"));
    assertThat(call.redact("https://bob:hunter%2342@proxy.test")).doesNotContain("hunter");
    assertThat(call.redact("password hunter#42 rejected")).doesNotContain("hunter#42");
    assertThat(call.redact(KEY)).isEqualTo(Redactor.MASK);
    assertThat(Redactor.forCall(null, URI.create("https://proxy.test")).isEmpty()).isTrue();
  }

  @Test
  void exceptionsWithoutSecretsAreKeptAsTheyAre() {
    AiLibException e = new AiLibException(StandardErrorCode.UNKNOWN, "fine");
    assertThat(r.apply(e)).isSameAs(e);
    assertThat(Redactor.NONE.apply(new AiLibException(StandardErrorCode.UNKNOWN, KEY)).getMessage()).isEqualTo(KEY);
  }

  @Test
  void exceptionsAreCopiedWithEveryTextMasked() {
    RemoteException remote = new RemoteException(StandardErrorCode.AUTHENTICATION, "bad key " + KEY, 401, KEY,
        "req_" + KEY, Duration.ofSeconds(3));
    RemoteException copy = (RemoteException) r.apply(remote);
    assertThat(copy.getMessage()).isEqualTo("bad key [redacted]");
    assertThat(copy.providerCode()).contains("[redacted]");
    assertThat(copy.requestId()).contains("req_[redacted]");
    assertThat(copy.statusCode()).isEqualTo(401);
    assertThat(copy.retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(copy.errorType()).isEqualTo(StandardErrorCode.AUTHENTICATION);

    TransportException t = new TransportException(TransportException.Kind.CONNECT, "connect to " + KEY,
        new IOException("refused " + KEY));
    TransportException tc = (TransportException) r.apply(t);
    assertThat(tc.kind()).isEqualTo(TransportException.Kind.CONNECT);
    assertThat(stackTrace(tc)).doesNotContain(KEY).contains("java.io.IOException (redacted): refused [redacted]");

    ProtocolException p = new ProtocolException(StandardErrorCode.SERVER_ERROR, "payload " + KEY,
        new SourceLocation("f.yaml", 3, 4, "a.b"), null);
    ProtocolException pc = (ProtocolException) r.apply(p);
    assertThat(pc.location()).isEqualTo(p.location());
    assertThat(pc.getMessage()).doesNotContain(KEY).endsWith("payload [redacted]");

    AiLibException suppressed = new AiLibException(StandardErrorCode.UNKNOWN, "outer");
    suppressed.addSuppressed(new IllegalStateException("inner " + KEY));
    assertThat(stackTrace(r.apply(suppressed))).doesNotContain(KEY).contains("inner [redacted]");
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
