package dev.ailib.protocol.yaml;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.SourceLocation;
import dev.ailib.api.error.StandardErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Loads one manifest file (YAML, or JSON when the name ends in {@code .json}), v1 or v2 shape, into core's
 * model. Safe parsing within {@link YamlLimits}; every problem is a {@link ProtocolException} whose location
 * names the file, line, column and field. Thread-safe and stateless.
 *
 * <pre>{@code
 * LoadedManifest m = ManifestLoader.create().load(Path.of("manifests/acme.yaml"));
 * }</pre>
 */
public final class ManifestLoader {
  private final YamlLimits limits;
  private final SafeTreeReader reader;

  private ManifestLoader(YamlLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.reader = new SafeTreeReader(limits);
  }

  /** A loader with {@link YamlLimits#DEFAULT}. */
  public static ManifestLoader create() {
    return new ManifestLoader(YamlLimits.DEFAULT);
  }

  /**
   * A loader with custom limits.
   *
   * @param limits the bounds on size, depth and aliases
   * @return the loader
   */
  public static ManifestLoader create(YamlLimits limits) {
    return new ManifestLoader(limits);
  }

  /** The limits in force. */
  public YamlLimits limits() {
    return limits;
  }

  /**
   * Loads a file.
   *
   * @param file the manifest
   * @return the manifest and its aliases
   * @throws ProtocolException when the file is missing, unreadable, too large, malformed or invalid
   */
  public LoadedManifest load(Path file) {
    String source = file.toString();
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > limits.maxBytes()) {
        throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "file is " + size
            + " bytes, larger than the limit of " + limits.maxBytes(), new SourceLocation(source, -1, -1, null), null);
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "manifest file not found",
          new SourceLocation(source, -1, -1, null), null);
    } catch (IOException e) {
      throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "cannot read manifest: " + e,
          new SourceLocation(source, -1, -1, null), e);
    }
    return parse(source, bytes);
  }

  /**
   * Loads a manifest from a stream (read up to the size limit).
   *
   * @param source a name for messages; JSON when it ends in {@code .json}
   * @param in the content, not closed
   * @return the manifest and its aliases
   * @throws ProtocolException when the content is too large, malformed or invalid
   */
  public LoadedManifest load(String source, InputStream in) {
    try {
      byte[] bytes = in.readNBytes(limits.maxBytes() + 1);
      return parse(source, bytes);
    } catch (IOException e) {
      throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "cannot read manifest: " + e,
          new SourceLocation(source, -1, -1, null), e);
    }
  }

  /**
   * Parses manifest content.
   *
   * @param source a name for messages; JSON when it ends in {@code .json}
   * @param content the bytes (UTF-8)
   * @return the manifest and its aliases
   * @throws ProtocolException when the content is too large, malformed or invalid
   */
  public LoadedManifest parse(String source, byte[] content) {
    boolean json = source.toLowerCase(Locale.ROOT).endsWith(".json");
    LocatedTree tree = reader.read(source, content, json);
    return ManifestMapper.map(tree);
  }
}
