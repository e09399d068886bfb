package dev.ailib.protocol.yaml;

import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.protocol.ProtocolSource;
import dev.ailib.core.spi.protocol.ProtocolSourceConfig;
import dev.ailib.core.spi.protocol.ProtocolSourceProvider;
import java.io.File;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the YAML/JSON protocol source. Manifests are looked for in: the builder's protocol directory,
 * then each directory of the {@code AI_PROTOCOL_PATH} environment variable (separated by the platform's path
 * separator), then the set bundled in this jar. Directories are hot-reloaded (see {@link DirectoryLayer}).
 */
public final class YamlProtocolSourceProvider implements ProtocolSourceProvider {
  /** The environment variable listing manifest directories. */
  public static final String PATH_VARIABLE = "AI_PROTOCOL_PATH";
  private static final System.Logger LOG = System.getLogger(YamlProtocolSourceProvider.class.getName());

  /** For ServiceLoader. */
  public YamlProtocolSourceProvider() {
  }

  @Override
  public ProtocolSource create(ProtocolSourceConfig config) {
    ManifestLoader loader = ManifestLoader.create();
    List<ManifestLayer> layers = new ArrayList<>();
    if (config != null && config.protocolDir() != null) {
      layers.add(new DirectoryLayer(config.protocolDir(), loader));
      if (Files.isRegularFile(config.protocolDir())) {
        LOG.log(Level.WARNING, "protocol directory {0} is a file; point it at the directory that holds the manifests",
            config.protocolDir());
      } else if (!Files.isDirectory(config.protocolDir())) {
        LOG.log(Level.WARNING, "protocol directory {0} does not exist (yet); it is checked again on each miss",
            config.protocolDir());
      }
    }
    Environment env = config == null || config.environment() == null ? Environment.system() : config.environment();
    env.get(PATH_VARIABLE).ifPresent(value -> {
      for (String entry : value.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          Path dir = Path.of(entry.strip());
          if (!Files.isDirectory(dir)) {
            LOG.log(Level.WARNING, "{0} entry {1} is not a directory", PATH_VARIABLE, dir);
          }
          layers.add(new DirectoryLayer(dir, loader));
        }
      }
    });
    layers.add(new BundledLayer(loader));
    return new LayeredProtocolSource(layers);
  }
}
