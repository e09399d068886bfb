package dev.ailib.protocol.yaml;

/**
 * Bounds on what a manifest file may contain, so a hostile or broken file fails fast with bounded memory.
 *
 * @param maxBytes the largest file accepted, in bytes
 * @param maxDepth the deepest nesting of mappings and sequences
 * @param maxAliases the most alias uses ({@code *name}) in one file
 * @param maxExpandedNodes the most nodes the document may have with every alias expanded
 */
public record YamlLimits(int maxBytes, int maxDepth, int maxAliases, int maxExpandedNodes) {

  /** 4 MiB, depth 64, 100 aliases, 200,000 nodes: far above any published manifest. */
  public static final YamlLimits DEFAULT = new YamlLimits(4 * 1024 * 1024, 64, 100, 200_000);

  /** Checks the bounds are positive. */
  public YamlLimits {
    if (maxBytes <= 0 || maxDepth <= 0 || maxAliases < 0 || maxExpandedNodes <= 0) {
      throw new IllegalArgumentException("limits must be positive: " + maxBytes + ", " + maxDepth + ", "
          + maxAliases + ", " + maxExpandedNodes);
    }
  }
}
