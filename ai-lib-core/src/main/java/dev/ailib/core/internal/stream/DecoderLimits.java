package dev.ailib.core.internal.stream;

/**
 * Size bounds that protect a decoder from a runaway stream.
 *
 * @param maxLineBytes the longest line (SSE, NDJSON) accepted
 * @param maxFrameBytes the largest frame payload accepted (an SSE event's joined data, a JSON array element)
 */
public record DecoderLimits(int maxLineBytes, int maxFrameBytes) {

  /** 1 MiB lines, 8 MiB frames. */
  public static final DecoderLimits DEFAULT = new DecoderLimits(1 << 20, 8 << 20);

  /** Checks the bounds are positive. */
  public DecoderLimits {
    if (maxLineBytes <= 0 || maxFrameBytes <= 0) {
      throw new IllegalArgumentException("decoder limits must be positive: line " + maxLineBytes + ", frame "
          + maxFrameBytes);
    }
  }
}
