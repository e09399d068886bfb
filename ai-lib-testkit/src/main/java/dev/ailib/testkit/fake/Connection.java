package dev.ailib.testkit.fake;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Serves one accepted socket: reads requests (keep-alive), asks the provider what to answer, and sends
 * it with the reply's faults. Every wait happens on the socket, so a client close is noticed at once.
 */
final class Connection implements Runnable {

  /** What to send for one request. */
  record Response(Rendered rendered, Reply.Faults faults, boolean drop) {}

  /** The client closed or reset the connection while the server was sending or waiting. */
  static final class ClientGoneException extends IOException {
    private static final long serialVersionUID = 1L;

    ClientGoneException() {
      super("client closed the connection");
    }
  }

  private static final System.Logger LOG = System.getLogger(FakeProvider.class.getName());

  final int id;
  private final Socket socket;
  private final FakeProvider owner;
  private volatile boolean closedByServer;
  private volatile boolean inResponse;
  private int served;
  private HttpInput input;
  private OutputStream out;

  Connection(int id, Socket socket, FakeProvider owner) {
    this.id = id;
    this.socket = socket;
    this.owner = owner;
  }

  int served() {
    return served;
  }

  @Override
  public void run() {
    try {
      input = new HttpInput(socket);
      out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
      while (true) {
        HttpInput.Head head;
        try {
          head = input.readHead();
        } catch (HttpInput.BadRequestException e) {
          writePlainError(e.status, e.getMessage());
          return;
        }
        if (head == null) {
          owner.clientDisconnected(this, false);
          return;
        }
        if ("100-continue".equalsIgnoreCase(head.header("Expect"))) {
          out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
        byte[] body;
        try {
          body = input.readBody(head);
        } catch (HttpInput.BadRequestException e) {
          writePlainError(e.status, e.getMessage());
          return;
        }
        served++;
        inResponse = true;
        Response response;
        try {
          response = owner.respond(this, head, body);
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "FakeProvider failed to build a response", e);
          writePlainError(500, "internal error while building the response: " + e);
          return;
        }
        boolean clientWantsClose = "close".equalsIgnoreCase(head.header("Connection"))
            || "HTTP/1.0".equals(head.version());
        boolean keepAlive = send(response, clientWantsClose);
        inResponse = false;
        if (!keepAlive) {
          closeByServer();
          return;
        }
      }
    } catch (ClientGoneException e) {
      owner.clientDisconnected(this, true);
    } catch (IOException e) {
      if (!closedByServer && !owner.isClosing()) {
        owner.clientDisconnected(this, inResponse);
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "FakeProvider connection " + id + " failed", e);
    } finally {
      closeQuietly();
      owner.connectionEnded(this);
    }
  }

  /** Sends a response with its faults; returns whether the connection stays open. */
  private boolean send(Response response, boolean clientWantsClose) throws IOException {
    Reply.Faults faults = response.faults();
    pause(faults.delayBeforeHeaders());
    if (response.drop()) {
      return false;
    }
    Rendered r = response.rendered();
    boolean streamed = r.streamed();
    byte[] singleBody = null;
    if (!streamed) {
      singleBody = faults.malformedAfterEvents() == 0 ? r.malformedFrame() : r.events().get(0);
    }
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status())).append("\r\n");
    for (Map.Entry<String, String> h : r.headers()) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    if (streamed) {
      head.append("Transfer-Encoding: chunked\r\n");
    } else {
      head.append("Content-Length: ").append(singleBody.length).append("\r\n");
    }
    if (clientWantsClose) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();

    if (!streamed) {
      if (faults.stallAfterEvents() == 0) {
        stall();
      }
      if (faults.disconnectAfterEvents() == 0) {
        closeByServer();
        return false;
      }
      writeRaw(singleBody, faults.writeSize());
      return !clientWantsClose;
    }

    int n = r.events().size();
    for (int i = 0; i <= n; i++) {
      if (i == faults.stallAfterEvents()) {
        stall();
      }
      if (i == faults.disconnectAfterEvents()) {
        closeByServer();
        return false;
      }
      if (i == faults.malformedAfterEvents()) {
        writeChunk(r.malformedFrame(), faults.writeSize());
      }
      if (i == faults.streamErrorAfterEvents() && r.streamErrorFrame() != null) {
        writeChunk(r.streamErrorFrame(), faults.writeSize());
        break;
      }
      if (i == n) {
        break;
      }
      if (i > 0) {
        pause(faults.dripDelay());
      }
      writeChunk(r.events().get(i), faults.writeSize());
    }
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return !clientWantsClose;
  }

  private void writeChunk(byte[] data, int writeSize) throws IOException {
    int step = writeSize > 0 ? writeSize : data.length;
    for (int off = 0; off < data.length; off += step) {
      int len = Math.min(step, data.length - off);
      out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(data, off, len);
      out.write('\r');
      out.write('\n');
      out.flush();
    }
  }

  private void writeRaw(byte[] data, int writeSize) throws IOException {
    int step = writeSize > 0 ? writeSize : Math.max(1, data.length);
    for (int off = 0; off < data.length; off += step) {
      out.write(data, off, Math.min(step, data.length - off));
      out.flush();
    }
    out.flush();
  }

  private void pause(Duration d) throws IOException {
    if (!d.isZero() && input.awaitClose(Math.max(1, d.toMillis()))) {
      throw new ClientGoneException();
    }
  }

  private void stall() throws IOException {
    long generation = owner.stallStarted();
    try {
      while (!owner.stallReleased(generation)) {
        if (input.awaitClose(25)) {
          throw new ClientGoneException();
        }
      }
      if (owner.isClosing()) {
        throw new java.io.InterruptedIOException("FakeProvider closed while the stream was stalled");
      }
    } finally {
      owner.stallEnded();
    }
  }

  private void writePlainError(int status, String message) {
    try {
      byte[] body = Json.write(Json.obj("error", Json.obj("message", "FakeProvider: " + message,
          "type", "invalid_request_error"))).getBytes(StandardCharsets.UTF_8);
      out.write(("HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
    } catch (IOException ignored) {
      // the client is gone; nothing to report to
    }
    closeByServer();
  }

  /** Closes the connection from the server side (not a client disconnect). */
  void closeByServer() {
    closedByServer = true;
    try {
      if (!socket.isClosed()) {
        socket.shutdownOutput();
      }
    } catch (IOException ignored) {
      // already closed by the peer
    }
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }

  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 413 -> "Payload Too Large";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 529 -> "Site Overloaded";
      default -> "Status " + status;
    };
  }
}
