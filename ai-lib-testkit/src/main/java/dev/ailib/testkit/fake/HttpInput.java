package dev.ailib.testkit.fake;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.1 requests from a socket through its own buffer, and waits on the socket instead of
 * sleeping, so that a client closing the connection is noticed while the server delays, drips or stalls.
 */
final class HttpInput {

  /** The head of a request: request line and headers. */
  record Head(String method, String target, String version, List<Map.Entry<String, String>> headers) {
    String header(String name) {
      for (Map.Entry<String, String> h : headers) {
        if (h.getKey().equalsIgnoreCase(name)) {
          return h.getValue();
        }
      }
      return null;
    }
  }

  /** The request is not valid HTTP; the message says what was wrong. */
  static final class BadRequestException extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequestException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  static final int MAX_HEAD_BYTES = 64 * 1024;
  static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

  private final Socket socket;
  private final InputStream in;
  private byte[] buf = new byte[16 * 1024];
  private int start;
  private int end;

  HttpInput(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  /** Reads a request head; null when the client closed the connection before sending a byte. */
  Head readHead() throws IOException {
    socket.setSoTimeout(0);
    String requestLine = readLine(true);
    if (requestLine == null) {
      return null;
    }
    while (requestLine.isEmpty()) { // tolerate stray CRLF between requests
      requestLine = readLine(true);
      if (requestLine == null) {
        return null;
      }
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new BadRequestException(400, "malformed request line: '" + printable(requestLine) + "'");
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    int headBytes = requestLine.length();
    while (true) {
      String line = readLine(false);
      headBytes += line.length() + 2;
      if (headBytes > MAX_HEAD_BYTES) {
        throw new BadRequestException(431, "request head longer than " + MAX_HEAD_BYTES + " bytes");
      }
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new BadRequestException(400, "malformed header line: '" + printable(line) + "'");
      }
      headers.add(Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
    }
    return new Head(parts[0], parts[1], parts[2], headers);
  }

  /** Reads the body announced by the head (Content-Length or chunked). */
  byte[] readBody(Head head) throws IOException {
    String te = head.header("Transfer-Encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      return readChunkedBody();
    }
    String cl = head.header("Content-Length");
    if (cl == null) {
      return new byte[0];
    }
    long length;
    try {
      length = Long.parseLong(cl.trim());
    } catch (NumberFormatException e) {
      throw new BadRequestException(400, "Content-Length is not a number: '" + printable(cl) + "'");
    }
    if (length < 0 || length > MAX_BODY_BYTES) {
      throw new BadRequestException(413, "Content-Length " + length + " outside 0.." + MAX_BODY_BYTES);
    }
    return readExactly((int) length);
  }

  private byte[] readChunkedBody() throws IOException {
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(false);
      int semi = sizeLine.indexOf(';');
      String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim();
      int size;
      try {
        size = Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        throw new BadRequestException(400, "bad chunk size line: '" + printable(sizeLine) + "'");
      }
      if (size < 0 || body.size() + (long) size > MAX_BODY_BYTES) {
        throw new BadRequestException(413, "chunked body larger than " + MAX_BODY_BYTES + " bytes");
      }
      if (size == 0) {
        while (!readLine(false).isEmpty()) {
          // skip trailers
        }
        return body.toByteArray();
      }
      body.write(readExactly(size));
      if (!readLine(false).isEmpty()) {
        throw new BadRequestException(400, "chunk of " + size + " bytes not followed by CRLF");
      }
    }
  }

  private byte[] readExactly(int length) throws IOException {
    byte[] out = new byte[length];
    int copied = 0;
    while (copied < length) {
      if (start == end && fill() < 0) {
        throw new EOFException("client closed the connection after " + copied + " of " + length + " body bytes");
      }
      int n = Math.min(length - copied, end - start);
      System.arraycopy(buf, start, out, copied, n);
      start += n;
      copied += n;
    }
    return out;
  }

  /** A line without its CRLF (or LF); null at EOF before any byte when {@code eofOk}. */
  private String readLine(boolean eofOk) throws IOException {
    int scanned = start;
    while (true) {
      for (int i = scanned; i < end; i++) {
        if (buf[i] == '\n') {
          int lineEnd = i > start && buf[i - 1] == '\r' ? i - 1 : i;
          String line = new String(buf, start, lineEnd - start, StandardCharsets.ISO_8859_1);
          start = i + 1;
          return line;
        }
      }
      scanned = end;
      if (end - start > MAX_HEAD_BYTES) {
        throw new BadRequestException(431, "header line longer than " + MAX_HEAD_BYTES + " bytes");
      }
      int before = end - start;
      int n = fill();
      if (n < 0) {
        if (eofOk && before == 0) {
          return null;
        }
        throw new EOFException("client closed the connection in the middle of a request head");
      }
      scanned = start + before;
    }
  }

  /** Reads more bytes into the buffer; returns the count or -1 at EOF. */
  private int fill() throws IOException {
    if (start > 0 && start == end) {
      start = 0;
      end = 0;
    }
    if (end == buf.length) {
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      } else {
        byte[] bigger = new byte[buf.length * 2];
        System.arraycopy(buf, 0, bigger, 0, end);
        buf = bigger;
      }
    }
    int n = in.read(buf, end, buf.length - end);
    if (n > 0) {
      end += n;
    }
    return n;
  }

  /**
   * Waits up to {@code millis} for the client to close the connection; bytes that arrive meanwhile
   * (a pipelined request) are kept for later. Returns true when the client closed it.
   */
  boolean awaitClose(long millis) throws IOException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (true) {
      long remaining = (deadline - System.nanoTime()) / 1_000_000L;
      if (remaining <= 0) {
        return false;
      }
      if (end - start > MAX_BODY_BYTES) { // the client keeps sending: just wait out the time
        sleep(remaining);
        return false;
      }
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, remaining)));
      try {
        if (fill() < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        return false;
      } finally {
        if (!socket.isClosed()) {
          socket.setSoTimeout(0);
        }
      }
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting");
    }
  }

  private static String printable(String s) {
    String cut = s.length() > 200 ? s.substring(0, 200) + "..." : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
