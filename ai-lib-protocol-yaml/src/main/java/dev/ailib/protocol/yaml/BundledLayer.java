package dev.ailib.protocol.yaml;

import dev.ailib.api.error.ProtocolException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The manifests bundled in this jar under {@code dev/ailib/protocol/yaml/manifests/}, listed in its
 * {@code index.txt}. Loaded on first use and kept (the jar does not change).
 */
final class BundledLayer implements ManifestLayer {
  static final String DIRECTORY = "manifests/";

  private final ManifestLoader loader;
  private final Map<String, String> files;
  private final Map<String, LoadedManifest> loaded = new ConcurrentHashMap<>();
  private volatile Map<String, String> aliases;

  BundledLayer(ManifestLoader loader) {
    this.loader = loader;
    this.files = readIndex();
  }

  @Override
  public String describe() {
    return "bundled manifests";
  }

  @Override
  public Set<String> ids() {
    Set<String> ids = new TreeSet<>(files.keySet());
    ids.addAll(aliases().keySet());
    return Collections.unmodifiableSet(ids);
  }

  @Override
  public Optional<LoadedManifest> find(String providerId) {
    String id = files.containsKey(providerId) ? providerId : aliases().get(providerId);
    if (id == null) {
      return Optional.empty();
    }
    return Optional.of(loaded.computeIfAbsent(id, this::load));
  }

  private Map<String, String> aliases() {
    Map<String, String> a = aliases;
    if (a == null) {
      Map<String, String> found = new LinkedHashMap<>();
      for (String id : files.keySet()) {
        find(id).ifPresent(m -> m.aliases().forEach(alias -> found.putIfAbsent(alias, id)));
      }
      a = Map.copyOf(found);
      aliases = a;
    }
    return a;
  }

  private LoadedManifest load(String id) {
    String resource = DIRECTORY + files.get(id);
    try (InputStream in = BundledLayer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ProtocolException("bundled manifest " + resource + " is listed in index.txt but missing");
      }
      return loader.load("bundled:" + files.get(id), in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> readIndex() {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = BundledLayer.class.getResourceAsStream(DIRECTORY + "index.txt")) {
      if (in == null) {
        return out;
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String name = line.strip();
        if (name.isEmpty() || name.startsWith("#")) {
          continue;
        }
        int dot = name.lastIndexOf('.');
        out.put(dot > 0 ? name.substring(0, dot) : name, name);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled manifest index", e);
    }
    return out;
  }
}
