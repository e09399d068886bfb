package dev.ailib.core.spi.protocol;

import dev.ailib.core.spi.Environment;
import java.nio.file.Path;

/**
 * What a protocol source is created with.
 *
 * @param protocolDir the builder's manifest directory, or null
 * @param environment environment variables (for {@code AI_PROTOCOL_PATH})
 */
public record ProtocolSourceConfig(Path protocolDir, Environment environment) {
}
