package dev.ailib.core.internal.engine;

import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.Objects;

/**
 * Where an operation other than chat is sent: the manifest's {@code endpoints.<operation>} path and method when it
 * declares one, else the protocol's default path for the operation.
 *
 * @param path the path below the base URL, may hold placeholders such as {@code {id}}
 * @param method the HTTP method
 * @param declared whether the manifest declared the endpoint (false: the default was used)
 */
public record OperationEndpoint(String path, String method, boolean declared) {

  /** Checks. */
  public OperationEndpoint {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(method, "method");
  }

  /**
   * Resolves an operation's endpoint.
   *
   * @param manifest the provider's manifest
   * @param operation the operation name, such as {@code mcp_call_tool} or {@code video_get}
   * @param defaultPath the protocol's default path for the operation, used when the manifest declares none
   * @param defaultMethod the method used with the default path, and when the manifest gives a path without method
   * @return the endpoint
   */
  public static OperationEndpoint resolve(ProviderManifest manifest, String operation, String defaultPath,
      String defaultMethod) {
    String path = manifest.endpoint().otherPaths().get(operation);
    if (path == null) {
      return new OperationEndpoint(defaultPath, defaultMethod, false);
    }
    return new OperationEndpoint(path, manifest.endpoint().otherMethods().getOrDefault(operation, defaultMethod),
        true);
  }
}
