package dev.ailib.core.internal.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer reused across lines and frames, with a hard size bound. Not thread-safe. */
final class ByteBuf {
  byte[] data;
  int size;

  ByteBuf(int initial) {
    data = new byte[initial];
  }

  /** Appends bytes; returns false (appending nothing) when the result would exceed {@code max}. */
  boolean append(byte[] src, int off, int len, int max) {
    if (len == 0) {
      return true;
    }
    if ((long) size + len > max) {
      return false;
    }
    ensure(size + len);
    System.arraycopy(src, off, data, size, len);
    size += len;
    return true;
  }

  boolean append(byte b, int max) {
    if (size + 1 > max) {
      return false;
    }
    ensure(size + 1);
    data[size++] = b;
    return true;
  }

  private void ensure(int capacity) {
    if (capacity > data.length) {
      data = Arrays.copyOf(data, Math.max(capacity, data.length * 2));
    }
  }

  void clear() {
    size = 0;
  }

  boolean equalsAscii(int off, int len, byte[] other) {
    if (len != other.length) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (data[off + i] != other[i]) {
        return false;
      }
    }
    return true;
  }

  String utf8(int off, int len) {
    return new String(data, off, len, StandardCharsets.UTF_8);
  }

  /** The first bytes as text for error messages, shortened. */
  String preview(int max) {
    int n = Math.min(size, max);
    return utf8(0, n) + (size > max ? "..." : "");
  }
}
