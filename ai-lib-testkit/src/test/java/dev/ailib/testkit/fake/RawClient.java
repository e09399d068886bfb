package dev.ailib.testkit.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A raw-socket HTTP/1.1 client, for tests that need to see exact bytes and control the socket. */
final class RawClient implements AutoCloseable {

  final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawClient(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(10_000); // bound every read
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  void post(String path, String body, String... headerLines) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n");
    for (String h : headerLines) {
      sb.append(h).append("\r\n");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
    out.flush();
  }

  /** Reads up to the blank line after the headers. */
  String readHead() throws IOException {
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("EOF in head after: " + sb);
      }
      sb.append((char) b);
    }
    return sb.toString();
  }

  String readLine() throws IOException {
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().endsWith("\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("EOF in line after: " + sb);
      }
      sb.append((char) b);
    }
    return sb.substring(0, sb.length() - 2);
  }

  /** Reads one chunk of a chunked body; null for the last (empty) chunk. */
  byte[] readChunk() throws IOException {
    int size = Integer.parseInt(readLine(), 16);
    if (size == 0) {
      readLine();
      return null;
    }
    byte[] data = in.readNBytes(size);
    if (data.length != size) {
      throw new IOException("EOF inside a chunk");
    }
    readLine();
    return data;
  }

  /** Reads every chunk until the last one. */
  List<byte[]> readChunks() throws IOException {
    List<byte[]> chunks = new ArrayList<>();
    for (byte[] c = readChunk(); c != null; c = readChunk()) {
      chunks.add(c);
    }
    return chunks;
  }

  static String join(List<byte[]> chunks) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    chunks.forEach(all::writeBytes);
    return all.toString(StandardCharsets.UTF_8);
  }

  byte[] readBytes(int n) throws IOException {
    return in.readNBytes(n);
  }

  /** True when nothing arrives within {@code millis} (the server is holding the connection). */
  boolean silentFor(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      throw new IOException("unexpected byte " + b);
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      socket.setSoTimeout(10_000);
    }
  }

  /** Reads until EOF; returns the bytes read. */
  byte[] readToEof() throws IOException {
    return in.readAllBytes();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
