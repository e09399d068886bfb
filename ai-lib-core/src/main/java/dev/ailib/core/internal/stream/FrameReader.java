package dev.ailib.core.internal.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Pulls frames from a body through a {@link FrameDecoder}, reading 8 KiB at a time only when no frame is queued;
 * stops at the done signal without reading further. {@link #close()} closes the body. Not thread-safe.
 */
public final class FrameReader implements Iterator<Frame>, AutoCloseable {
  private final FrameDecoder decoder;
  private final InputStream body;
  private final byte[] buffer = new byte[8192];
  private final ArrayDeque<Frame> queue = new ArrayDeque<>();
  private final FrameSink enqueue = queue::add;
  private boolean ended;

  /**
   * Creates a reader.
   *
   * @param decoder the decoder for this stream
   * @param body the body
   */
  public FrameReader(FrameDecoder decoder, InputStream body) {
    this.decoder = decoder;
    this.body = body;
  }

  /**
   * {@inheritDoc}
   *
   * @throws UncheckedIOException when reading fails
   * @throws dev.ailib.api.error.ProtocolException when the bytes are not a valid stream
   */
  @Override
  public boolean hasNext() {
    while (queue.isEmpty() && !ended) {
      if (decoder.doneReceived()) {
        ended = true;
        break;
      }
      int n;
      try {
        n = body.read(buffer);
      } catch (IOException e) {
        throw new UncheckedIOException("reading the stream failed after " + decoder.frameCount() + " frame(s)", e);
      }
      if (n < 0) {
        ended = true;
        decoder.end(enqueue);
      } else {
        decoder.feed(buffer, 0, n, enqueue);
      }
    }
    return !queue.isEmpty();
  }

  @Override
  public Frame next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more frames");
    }
    return queue.poll();
  }

  /** Whether the done signal arrived. */
  public boolean doneReceived() {
    return decoder.doneReceived();
  }

  @Override
  public void close() {
    ended = true;
    queue.clear();
    try {
      body.close();
    } catch (IOException e) {
      // best effort: the exchange is being abandoned
    }
  }
}
