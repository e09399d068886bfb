package dev.ailib.core.internal.discovery;

import dev.ailib.core.spi.transport.Transport;
import java.util.Objects;

/**
 * The transport a client uses.
 *
 * @param transport the transport
 * @param name its provider's name, or the class name of a transport passed as an instance
 * @param owned whether the client created it (and so closes it); instances passed by the caller are theirs
 */
public record SelectedTransport(Transport transport, String name, boolean owned) {
  /** Checks the transport is present. */
  public SelectedTransport {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(name, "name");
  }
}
