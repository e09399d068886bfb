package dev.ailib.protocol.yaml;

import dev.ailib.api.error.ProtocolException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Manifests in a directory, with hot reload. Files are looked for, in this order, in {@code v2/providers/},
 * {@code dist/<version>/providers/} (compiled JSON, newest version first), {@code v1/providers/},
 * {@code providers/} and the directory itself; the first file named {@code <id>.yaml}, {@code .yml} or
 * {@code .json} wins, so v2 wins over v1 for the same id.
 *
 * <p>Each lookup checks the file's modification time and size (one {@code stat}); a changed file is parsed
 * again. A broken edit keeps the last good manifest and is logged once at WARNING; a file that never loaded
 * fails the lookup with its error. The directory is listed again only when an id is not found. Symbolic links
 * that lead out of the directory are not followed (skipped with a warning).
 */
final class DirectoryLayer implements ManifestLayer {
  private static final System.Logger LOG = System.getLogger(DirectoryLayer.class.getName());
  private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");

  private final Path root;
  private final ManifestLoader loader;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private volatile Map<String, Path> index = Map.of();
  private volatile Map<String, String> aliases = Map.of();
  private volatile boolean aliasesScanned;
  private volatile Path realRoot;
  private final Set<String> warnedLinks = ConcurrentHashMap.newKeySet();

  DirectoryLayer(Path root, ManifestLoader loader) {
    this.root = root;
    this.loader = loader;
    this.index = list();
  }

  @Override
  public String describe() {
    return "directory " + root;
  }

  @Override
  public Set<String> ids() {
    Set<String> ids = new TreeSet<>(list().keySet());
    for (Entry e : entries.values()) {
      LoadedManifest good = e.good;
      if (good != null) {
        ids.addAll(good.aliases());
      }
    }
    ids.addAll(aliases.keySet());
    return Collections.unmodifiableSet(ids);
  }

  @Override
  public Optional<LoadedManifest> find(String providerId) {
    Path file = index.get(providerId);
    if (file == null) {
      Map<String, Path> fresh = list();
      if (!fresh.equals(index)) {
        index = fresh;
        aliasesScanned = false;
      }
      file = index.get(providerId);
    }
    if (file == null) {
      String target = alias(providerId);
      if (target == null) {
        return Optional.empty();
      }
      file = index.get(target);
      if (file == null) {
        return Optional.empty();
      }
    }
    Entry entry = entries.computeIfAbsent(file.toString(), k -> new Entry());
    Optional<LoadedManifest> found = entry.current(file);
    if (found.isEmpty()) {
      // the file went away: forget the listing so the next lookup sees the directory as it is now
      index = list();
      entries.remove(file.toString());
    }
    return found;
  }

  private String alias(String providerId) {
    if (!aliasesScanned) {
      Map<String, String> found = new LinkedHashMap<>();
      for (Map.Entry<String, Path> e : index.entrySet()) {
        try {
          Entry entry = entries.computeIfAbsent(e.getValue().toString(), k -> new Entry());
          entry.current(e.getValue()).ifPresent(m -> m.aliases().forEach(a -> found.putIfAbsent(a, e.getKey())));
        } catch (ProtocolException ignored) {
          // a broken file is reported when it is asked for by its own id
        }
      }
      aliases = Map.copyOf(found);
      aliasesScanned = true;
    }
    return aliases.get(providerId);
  }

  /** id (file name without extension) to file, first in search order. */
  private Map<String, Path> list() {
    Map<String, Path> out = new LinkedHashMap<>();
    for (Path dir : searchDirs()) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
        for (Path p : stream) {
          files.add(p);
        }
      } catch (IOException e) {
        LOG.log(Level.WARNING, "cannot list manifest directory {0}: {1}", dir, e.toString());
        continue;
      }
      for (String ext : EXTENSIONS) {
        for (Path p : files) {
          String name = p.getFileName().toString();
          if (name.toLowerCase(Locale.ROOT).endsWith(ext) && Files.isRegularFile(p) && insideRoot(p)) {
            out.putIfAbsent(name.substring(0, name.length() - ext.length()), p);
          }
        }
      }
    }
    return out;
  }

  /**
   * Whether a file really is inside the directory: a symbolic link (of the file or of a folder on its way) that
   * leads out of it is skipped with a warning, so that a link such as {@code passwd.yaml -> /etc/passwd} is never
   * read (a parse error would quote the start of the file it points to).
   */
  private boolean insideRoot(Path file) {
    try {
      Path real = file.toRealPath();
      if (real.startsWith(realRoot())) {
        return true;
      }
      if (warnedLinks.size() < 64 && warnedLinks.add(file.toString())) {
        LOG.log(Level.WARNING, "ignoring {0}: it is a symbolic link to a file outside the manifest directory {1}",
            file, root);
      }
      return false;
    } catch (IOException e) {
      return false; // a dangling link or a file that just went away
    }
  }

  private Path realRoot() throws IOException {
    Path r = realRoot;
    if (r == null) {
      r = root.toRealPath();
      realRoot = r;
    }
    return r;
  }

  private List<Path> searchDirs() {
    List<Path> dirs = new ArrayList<>();
    dirs.add(root.resolve("v2").resolve("providers"));
    Path dist = root.resolve("dist");
    if (Files.isDirectory(dist)) {
      List<Path> versions = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dist, Files::isDirectory)) {
        stream.forEach(versions::add);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "cannot list {0}: {1}", dist, e.toString());
      }
      versions.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
      for (Path v : versions) {
        dirs.add(v.resolve("providers"));
      }
      dirs.add(dist.resolve("providers"));
    }
    dirs.add(root.resolve("v1").resolve("providers"));
    dirs.add(root.resolve("providers"));
    dirs.add(root);
    return dirs;
  }

  /** One file: its last good manifest and the state it was read in. */
  private final class Entry {
    private volatile LoadedManifest good;
    private volatile FileTime modified;
    private volatile long size = -1;
    private volatile ProtocolException failure;

    /** The newest good manifest of the file, reloading when it changed; empty when the file is gone. */
    Optional<LoadedManifest> current(Path file) {
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(file, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        return fallback(file, new ProtocolException(e.toString()));
      }
      FileTime m = attrs.lastModifiedTime();
      long s = attrs.size();
      if (m.equals(modified) && s == size) {
        return good != null ? Optional.of(good) : fallback(file, failure);
      }
      synchronized (this) {
        if (m.equals(modified) && s == size) {
          return good != null ? Optional.of(good) : fallback(file, failure);
        }
        boolean reload = good != null;
        try {
          if (!insideRoot(file)) {
            // the link was changed to point out of the directory after it was listed
            throw new ProtocolException("manifest " + file + " is a symbolic link to a file outside " + root
                + "; not read");
          }
          LoadedManifest loaded = loader.load(file);
          good = loaded;
          failure = null;
          if (reload) {
            LOG.log(Level.DEBUG, "reloaded manifest {0}", file);
          }
        } catch (ProtocolException e) {
          failure = e;
          if (good != null) {
            LOG.log(Level.WARNING, "manifest {0} changed but is invalid; keeping the last good version: {1}",
                file, e.getMessage());
          }
        }
        modified = m;
        size = s;
        return good != null ? Optional.of(good) : fallback(file, failure);
      }
    }

    private Optional<LoadedManifest> fallback(Path file, ProtocolException error) {
      if (good != null) {
        return Optional.of(good);
      }
      throw error;
    }
  }
}
