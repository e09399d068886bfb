package dev.ailib.protocol.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a manifest may put on the wire is checked when it loads, with file, line and field: only http and https
 * base URLs (a warning for cleartext to another host), header names and values HTTP can carry; and a protocol
 * directory does not follow links out of itself.
 */
class WireSafetyTest {
  private final ManifestLoader loader = ManifestLoader.create();
  private final Logger jul = Logger.getLogger(HttpChecks.class.getName());
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
        warnings.add(java.text.MessageFormat.format(r.getMessage(), r.getParameters()));
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  @TempDir
  Path dir;

  @BeforeEach
  void listen() {
    jul.addHandler(handler);
  }

  @AfterEach
  void stopListening() {
    jul.removeHandler(handler);
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private ProtocolException rejected(Path file) {
    try {
      loader.load(file);
    } catch (ProtocolException e) {
      return e;
    }
    throw new AssertionError("expected " + file + " to be rejected");
  }

  private static SourceLocation at(ProtocolException e) {
    assertThat(e.location()).as("location of: " + e.getMessage()).isPresent();
    return e.location().get();
  }

  @Test
  void aBaseUrlThatIsNotHttpOrHttpsIsRejectedWithItsLocation() throws IOException {
    for (String url : new String[] {"ftp://api.acme.test/v1", "file:///etc/passwd", "gopher://acme.test",
        "api.acme.test/v1"}) {
      ProtocolException e = rejected(write("acme.yaml", Manifests.valid("acme", url)));
      assertThat(e.getMessage()).as(url).contains("acme.yaml:4").contains("base_url");
      assertThat(at(e).line()).isEqualTo(4);
      assertThat(at(e).field()).isEqualTo("endpoint.base_url");
    }
    assertThat(rejected(write("acme.yaml", Manifests.valid("acme", "ftp://acme.test"))).getMessage())
        .contains("'ftp'");
  }

  @Test
  void cleartextHttpLoadsButWarnsUnlessTheHostIsLoopback() throws IOException {
    assertThatCode(() -> loader.load(write("local.yaml", Manifests.valid("local", "http://127.0.0.1:8080/v1"))))
        .doesNotThrowAnyException();
    assertThatCode(() -> loader.load(write("named.yaml", Manifests.valid("named", "http://localhost:8080/v1"))))
        .doesNotThrowAnyException();
    assertThat(warnings).isEmpty();
    loader.load(write("remote.yaml", Manifests.valid("remote", "http://api.remote.test/v1")));
    assertThat(warnings).singleElement().asString().contains("remote.yaml:4").contains("api.remote.test")
        .contains("cleartext");
    assertThatCode(() -> loader.load(write("secure.yaml", Manifests.valid("secure", "https://api.remote.test/v1"))))
        .doesNotThrowAnyException();
    assertThat(warnings).hasSize(1);
  }

  private static String withAuth(String auth) {
    return Manifests.valid("acme", "https://acme.test").replace("  chat: /chat/completions\n",
        "  chat: /chat/completions\n  auth: " + auth + "\n");
  }

  @Test
  void authAndExtraHeadersThatWouldInjectHeadersAreRejectedWithTheirLocation() throws IOException {
    ProtocolException name = rejected(write("inject.yaml",
        withAuth("{type: custom_header, header: \"X-Key\\r\\nX-Injected: 1\", token_env: [ACME_KEY]}")));
    assertThat(name.getMessage()).contains("inject.yaml:6").contains("not a valid HTTP header name")
        .contains("U+000D").doesNotContain("\r").doesNotContain("\n");
    assertThat(at(name).field()).contains("header");

    ProtocolException bearerName = rejected(write("bearer.yaml", withAuth("{type: bearer, header: \"X Key\"}")));
    assertThat(bearerName.getMessage()).contains("bearer.yaml:6").contains("U+0020");

    ProtocolException prefix = rejected(write("prefix.yaml", withAuth("{type: bearer, prefix: \"Bearer\\n\"}")));
    assertThat(prefix.getMessage()).contains("prefix.yaml:6").contains("auth prefix").contains("U+000A");

    ProtocolException extraValue = rejected(write("extra.yaml",
        withAuth("{type: bearer, extra_headers: {X-Trace: \"a\\r\\nX-Injected: 1\"}}")));
    assertThat(extraValue.getMessage()).contains("extra.yaml:6").contains("extra_headers.X-Trace")
        .contains("U+000D");

    ProtocolException extraName = rejected(write("extraname.yaml",
        withAuth("{type: bearer, extra_headers: [{name: \"X-A\\nB\", value: v}]}")));
    assertThat(extraName.getMessage()).contains("extraname.yaml:6").contains("not a valid HTTP header name");

    assertThatCode(() -> loader.load(write("fine.yaml", withAuth(
        "{type: custom_header, header: x-api-key, extra_headers: {anthropic-version: \"2023-06-01\"}}"))))
        .doesNotThrowAnyException();
  }

  @Test
  void aLinkOutOfTheProtocolDirectoryIsNotFollowed() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path secret = Files.writeString(outside.resolve("passwd"), "root:x:0:0:top-secret-entry:/root:/bin/bash\n");
    Path protocols = Files.createDirectories(dir.resolve("protocols"));
    try {
      Files.createSymbolicLink(protocols.resolve("passwd.yaml"), secret);
    } catch (UnsupportedOperationException | IOException e) {
      Assumptions.abort("symbolic links are not supported here: " + e);
    }
    Files.writeString(protocols.resolve("real-acme.yaml"), Manifests.valid("acme", "https://acme.test"));
    Files.createSymbolicLink(protocols.resolve("acme.yaml"), protocols.resolve("real-acme.yaml"));

    DirectoryLayer layer = new DirectoryLayer(protocols, loader);
    assertThatCode(() -> assertThat(layer.find("passwd")).isEmpty()).doesNotThrowAnyException();
    assertThat(layer.ids()).doesNotContain("passwd").contains("acme");
    assertThat(layer.find("acme")).as("a link inside the directory is followed").isPresent();
  }
}
