package dev.ailib.protocol.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.protocol.ProtocolSource;
import dev.ailib.core.spi.protocol.ProtocolSourceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A protocol directory is re-read when a file changes; a broken edit keeps the last good manifest. */
class HotReloadTest {
  @TempDir
  Path dir;
  private final List<LogRecord> warnings = new ArrayList<>();
  private final Logger jul = Logger.getLogger(DirectoryLayer.class.getName());
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        synchronized (warnings) {
          warnings.add(record);
        }
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  private Instant clock = Instant.parse("2030-01-01T00:00:00Z");

  @BeforeEach
  void listen() {
    jul.addHandler(handler);
  }

  @AfterEach
  void stopListening() {
    jul.removeHandler(handler);
  }

  /** Writes a file and moves its modification time forward, so every edit is seen whatever the clock's grain. */
  private void write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    clock = clock.plusSeconds(10);
    Files.setLastModifiedTime(p, FileTime.from(clock));
  }

  private ProtocolSource source(Map<String, String> env) {
    return new YamlProtocolSourceProvider().create(new ProtocolSourceConfig(dir, Environment.of(env)));
  }

  private static String baseUrl(ProtocolSource s, String id) {
    return s.manifest(id).map(ProviderManifest::endpoint).orElseThrow().baseUrl();
  }

  @Test
  void editIsUsedByTheNextCall() throws IOException {
    write("acme.yaml", Manifests.valid("acme", "https://one.test"));
    ProtocolSource s = source(Map.of());
    assertThat(baseUrl(s, "acme")).isEqualTo("https://one.test");
    write("acme.yaml", Manifests.valid("acme", "https://two.test"));
    assertThat(baseUrl(s, "acme")).isEqualTo("https://two.test");
  }

  @Test
  void brokenEditKeepsLastGoodAndIsReportedOnce() throws IOException {
    write("acme.yaml", Manifests.valid("acme", "https://good.test"));
    ProtocolSource s = source(Map.of());
    assertThat(baseUrl(s, "acme")).isEqualTo("https://good.test");

    write("acme.yaml", Manifests.valid("acme", "https://bad.test").replace("emit: PartialContentDelta", "emit: Oops"));
    for (int i = 0; i < 5; i++) {
      assertThat(baseUrl(s, "acme")).isEqualTo("https://good.test");
    }
    assertThat(warnings).hasSize(1);
    String logged = java.text.MessageFormat.format(warnings.get(0).getMessage(), warnings.get(0).getParameters());
    assertThat(logged).contains("acme.yaml").contains("keeping the last good version").contains("unknown emit 'Oops'");

    write("acme.yaml", Manifests.valid("acme", "https://fixed.test"));
    assertThat(baseUrl(s, "acme")).isEqualTo("https://fixed.test");
    assertThat(warnings).hasSize(1);
  }

  @Test
  void aFileThatNeverLoadedFailsEveryLookup() throws IOException {
    write("acme.yaml", "id: acme\nprotocol_version: [\n");
    ProtocolSource s = source(Map.of());
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> s.manifest("acme")).isInstanceOf(ProtocolException.class)
          .hasMessageContaining("acme.yaml");
    }
  }

  @Test
  void newFilesAreFoundAndVersionedFoldersTakePrecedence() throws IOException {
    ProtocolSource s = source(Map.of());
    assertThat(s.manifest("late")).isEmpty();
    write("late.yaml", Manifests.valid("late", "https://late.test"));
    assertThat(baseUrl(s, "late")).isEqualTo("https://late.test");

    write("v1/providers/dual.yaml", Manifests.valid("dual", "https://v1.test").replace("\"2.0\"", "\"1.5\""));
    write("v2/providers/dual.yaml", Manifests.valid("dual", "https://v2.test"));
    assertThat(baseUrl(s, "dual")).isEqualTo("https://v2.test");
    assertThat(s.providerIds()).contains("late", "dual");
  }

  @Test
  void layersInOrderDirectoryThenPathThenBundled(@TempDir Path other) throws IOException {
    Files.writeString(other.resolve("openai.yaml"), Manifests.valid("openai", "https://path.test"));
    Files.writeString(other.resolve("onlypath.yaml"), Manifests.valid("onlypath", "https://onlypath.test"));
    ProtocolSource viaPath = source(Map.of("AI_PROTOCOL_PATH", other.toString()));
    assertThat(baseUrl(viaPath, "openai")).isEqualTo("https://path.test");
    assertThat(baseUrl(viaPath, "onlypath")).isEqualTo("https://onlypath.test");

    write("openai.yaml", Manifests.valid("openai", "https://dir.test"));
    assertThat(baseUrl(viaPath, "openai")).isEqualTo("https://dir.test");

    ProtocolSource bundledOnly = new YamlProtocolSourceProvider().create(
        new ProtocolSourceConfig(null, Environment.of(Map.of())));
    assertThat(bundledOnly.manifest("openai").orElseThrow().source()).startsWith("bundled:");
  }

  @Test
  void aDeletedFileFallsThroughToTheNextLayer() throws IOException {
    write("openai.yaml", Manifests.valid("openai", "https://dir.test"));
    ProtocolSource s = source(Map.of());
    assertThat(baseUrl(s, "openai")).isEqualTo("https://dir.test");
    Files.delete(dir.resolve("openai.yaml"));
    assertThat(s.manifest("openai").orElseThrow().source()).startsWith("bundled:");
  }

  @Test
  void concurrentLookupsDuringEditsSeeOnlyWholeManifests() throws Exception {
    write("acme.yaml", Manifests.valid("acme", "https://v0.test"));
    ProtocolSource s = source(Map.of());
    java.util.Set<String> written = java.util.concurrent.ConcurrentHashMap.newKeySet();
    written.add("https://v0.test");
    java.util.Queue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> readers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        readers.add(pool.submit(() -> {
          for (int i = 0; i < 300; i++) {
            try {
              seen.add(baseUrl(s, "acme"));
            } catch (Throwable e) {
              errors.add(e);
            }
          }
        }));
      }
      for (int v = 1; v <= 5; v++) {
        String url = "https://v" + v + ".test";
        written.add(url);
        write("acme.yaml", Manifests.valid("acme", url));
      }
      for (java.util.concurrent.Future<?> f : readers) {
        f.get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    // a reader may catch a half-written file: that keeps the last good manifest, never fails the call
    assertThat(errors).isEmpty();
    assertThat(written).containsAll(seen);
    assertThat(baseUrl(s, "acme")).isEqualTo("https://v5.test");
  }
}
