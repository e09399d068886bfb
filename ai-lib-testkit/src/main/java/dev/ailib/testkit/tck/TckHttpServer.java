package dev.ailib.testkit.tck;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A tiny HTTP/1.1 server on raw sockets (127.0.0.1, a free port) for transport tests. It keeps connections
 * alive, counts open connections, and sees when a client closes one. One platform thread per connection
 * (named {@value #THREAD_PREFIX}...); the accept thread too.
 *
 * <p>Routes (query parameters in brackets):
 * <ul>
 *   <li>{@code /fixed[size]} a body of {@code size} pattern bytes with Content-Length;</li>
 *   <li>{@code /chunked[chunks,size]} {@code chunks} chunks of {@code size} pattern bytes, chunked encoding;</li>
 *   <li>{@code /drip[chunks,size,delayMs]} chunked, one chunk every {@code delayMs};</li>
 *   <li>{@code /stall[bytes,length]} headers and {@code bytes} pattern bytes of a longer body (a Content-Length of
 *       {@code length}, by default {@code bytes} + 1,000,000), then nothing until the client closes; runs the hook
 *       registered with {@link #onStall} once the bytes are written;</li>
 *   <li>{@code /headers-stall} reads the request, then sends nothing until the client closes;</li>
 *   <li>{@code /disconnect[bytes]} announces more than {@code bytes} bytes, sends {@code bytes}, closes;</li>
 *   <li>{@code /challenge} 401 with a Basic challenge, counting requests that carry credentials;</li>
 *   <li>{@code /headers-delay[ms]} waits {@code ms}, then answers "ok";</li>
 *   <li>{@code /status[code]} that status with a small text body;</li>
 *   <li>{@code /echo} the request body back; every request header {@code X-Foo} comes back as
 *       {@code X-Echo-Foo}; plus {@code X-Multi: a} and {@code X-Multi: b};</li>
 *   <li>{@code /sse[events]} {@code events} SSE events as chunks, then {@link #SSE_DONE} and the chunked
 *       terminator in one write;</li>
 * </ul>
 * Hostile routes: {@code /head-drip[delayMs,bytes]} the status line and headers one byte every {@code delayMs}
 * ({@code bytes} bytes of header value, then a complete answer); {@code /no-read} reads the request head but never
 * the body and never answers (for at most 20 s); {@code /bad-status} a garbage status line, {@code /huge-header} a
 * 400 KiB header line, both then holding the connection open until the client closes it; {@code /interim[count]}
 * {@code count} {@code 100 Continue} heads before a 200.
 * Requests in absolute form ({@code GET http://host/path}) are served as by a forward proxy, after checking
 * the credentials demanded with {@link #requireProxyAuthorization}. With a TLS context the server speaks HTTPS.
 * A request carrying {@code X-Tck-Id: <id>} runs the hook registered with {@link #onRequest} for that id once
 * the request has been read (before anything is answered).
 */
public final class TckHttpServer implements AutoCloseable {
  /** The name prefix of the server's threads. */
  public static final String THREAD_PREFIX = "tck-http-server-";
  /** The last event of every {@code /sse} stream. */
  public static final String SSE_DONE = "data: [DONE]\n\n";

  private final ServerSocket serverSocket;
  private final Thread acceptor;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger clientCloses = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<String, Runnable> hooks = new ConcurrentHashMap<>();
  /** The suffix of a hook's key run by {@code /stall} (a header value cannot contain a newline). */
  private static final String STALLED = "\n stalled";
  private final AtomicInteger threadIds = new AtomicInteger();
  private final AtomicInteger proxied = new AtomicInteger();
  private final AtomicInteger proxyChallenges = new AtomicInteger();
  private final AtomicInteger originAuthorizations = new AtomicInteger();
  private final boolean tls;
  private volatile String proxyAuthorization;
  private volatile Map<String, List<String>> lastRequestHeaders = Map.of();
  private volatile String lastRequestTarget = "";
  private volatile boolean closed;

  /**
   * Starts a server on 127.0.0.1 and a free port.
   *
   * @throws IOException when no port can be bound
   */
  public TckHttpServer() throws IOException {
    this(null);
  }

  /**
   * Starts a server on 127.0.0.1 and a free port, speaking TLS when a context is given.
   *
   * @param tls the server's TLS context, or null for plain HTTP
   * @throws IOException when no port can be bound
   */
  public TckHttpServer(SSLContext tls) throws IOException {
    this.tls = tls != null;
    serverSocket = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
    serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    acceptor = new Thread(this::acceptLoop, THREAD_PREFIX + "accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * The URI of a path on this server.
   *
   * @param pathAndQuery such as {@code /fixed?size=10}
   * @return the URI
   */
  public URI uri(String pathAndQuery) {
    return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + serverSocket.getLocalPort() + pathAndQuery);
  }

  /** The address the server listens on (to use it as a proxy). */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), serverSocket.getLocalPort());
  }

  /**
   * Makes the server demand proxy credentials for requests sent to it as a proxy (absolute-form targets):
   * without {@code Proxy-Authorization: Basic <user:password>} they get 407 with a Basic challenge.
   *
   * @param user the user
   * @param password the password
   */
  public void requireProxyAuthorization(String user, String password) {
    proxyAuthorization = "Basic " + java.util.Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Requests served as a proxy (absolute-form target, credentials accepted if demanded). */
  public int proxiedRequests() {
    return proxied.get();
  }

  /** Requests to {@code /challenge} that carried an {@code Authorization} header. */
  public int originAuthorizations() {
    return originAuthorizations.get();
  }

  /** 407 challenges sent. */
  public int proxyChallenges() {
    return proxyChallenges.get();
  }

  /** Connections open now. */
  public int openConnections() {
    return open.get();
  }

  /** Connections accepted so far. */
  public int acceptedConnections() {
    return accepted.get();
  }

  /** Connections the client closed (end of stream or reset seen by the server). */
  public int clientCloses() {
    return clientCloses.get();
  }

  /** The headers of the last request read (names as sent). */
  public Map<String, List<String>> lastRequestHeaders() {
    return lastRequestHeaders;
  }

  /** The request target (path and query, as sent) of the last request read. */
  public String lastRequestTarget() {
    return lastRequestTarget;
  }

  /** Requests read so far. */
  public int requests() {
    return requests.get();
  }

  /**
   * Runs an action once a request with header {@code X-Tck-Id: id} has been read.
   *
   * @param id the id
   * @param action what to run, on the server's thread
   */
  public void onRequest(String id, Runnable action) {
    hooks.put(id, action);
  }

  /**
   * Runs an action once the {@code /stall} answer to a request with header {@code X-Tck-Id: id} has written its
   * head and bytes and begins to stall.
   *
   * @param id the id
   * @param action what to run, on the server's thread
   */
  public void onStall(String id, Runnable action) {
    hooks.put(id + STALLED, action);
  }

  /** The byte at a position of every pattern body. */
  public static byte patternByte(long position) {
    return (byte) ('a' + position % 26);
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = serverSocket.accept();
      } catch (IOException e) {
        return;
      }
      accepted.incrementAndGet();
      open.incrementAndGet();
      sockets.add(s);
      Thread t = new Thread(() -> serve(s), THREAD_PREFIX + threadIds.incrementAndGet());
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket socket) {
    boolean clientClosed = false;
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (!closed) {
        Request r = Request.read(in);
        if (r == null) {
          clientClosed = true;
          return;
        }
        requests.incrementAndGet();
        lastRequestHeaders = java.util.Collections.unmodifiableMap(r.headers);
        lastRequestTarget = r.target;
        String id = r.header("x-tck-id");
        if (id != null) {
          Runnable hook = hooks.remove(id);
          if (hook != null) {
            hook.run();
          }
        }
        if (!respond(r, in, out)) {
          clientClosed = true;
          return;
        }
      }
    } catch (IOException e) {
      clientClosed = !closed;
    } finally {
      sockets.remove(socket);
      if (clientClosed) {
        clientCloses.incrementAndGet();
      }
      open.decrementAndGet();
    }
  }

  /** Answers one request; false when the connection is finished. */
  private boolean respond(Request r, InputStream in, OutputStream out) throws IOException {
    String path = r.path();
    if (r.viaProxy()) {
      String required = proxyAuthorization;
      if (required != null && !required.equals(r.header("proxy-authorization"))) {
        proxyChallenges.incrementAndGet();
        writeHead(out, 407, "text/plain", "Proxy-Authenticate: Basic realm=\"tck\"", "Content-Length: 0");
        out.flush();
        return true;
      }
      proxied.incrementAndGet();
    }
    switch (path) {
      case "/challenge": {
        if (r.header("authorization") != null) {
          originAuthorizations.incrementAndGet();
        }
        writeHead(out, 401, "text/plain", "WWW-Authenticate: Basic realm=\"origin\"", "Content-Length: 0");
        out.flush();
        return true;
      }
      case "/headers-delay": {
        sleep(r.longParam("ms", 0));
        writeHead(out, 200, "text/plain", "Content-Length: 2");
        out.write("ok".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
      }
      case "/fixed": {
        long size = r.longParam("size", 0);
        writeHead(out, 200, "application/octet-stream", "Content-Length: " + size);
        writePattern(out, 0, size);
        out.flush();
        return true;
      }
      case "/chunked":
      case "/drip": {
        int chunks = (int) r.longParam("chunks", 1);
        int size = (int) r.longParam("size", 16);
        long delay = r.longParam("delayMs", 0);
        writeHead(out, 200, "text/event-stream", "Transfer-Encoding: chunked");
        out.flush();
        long pos = 0;
        for (int i = 0; i < chunks; i++) {
          if (delay > 0) {
            sleep(delay);
          }
          out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          writePattern(out, pos, size);
          pos += size;
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
      }
      case "/stall": {
        long bytes = r.longParam("bytes", 0);
        writeHead(out, 200, "application/octet-stream", "Content-Length: " + r.longParam("length", bytes + 1_000_000));
        writePattern(out, 0, bytes);
        out.flush();
        String id = r.header("x-tck-id");
        Runnable stalled = id == null ? null : hooks.remove(id + STALLED);
        if (stalled != null) {
          stalled.run();
        }
        awaitClientClose(in);
        return false;
      }
      case "/headers-stall":
        awaitClientClose(in);
        return false;
      case "/no-read":
        // never reads the request body nor answers: the client's write of a large body blocks
        for (long end = System.nanoTime() + 20_000_000_000L; !closed && System.nanoTime() < end; ) {
          sleep(20);
        }
        return false;
      case "/head-drip": {
        // a status line and headers one byte at a time; a complete answer only after a long time
        long delay = r.longParam("delayMs", 100);
        long bytes = r.longParam("bytes", 200);
        byte[] head = ("HTTP/1.1 200 OK\r\nX-Drip: " + "d".repeat((int) bytes) + "\r\nContent-Length: 2\r\n\r\nok")
            .getBytes(StandardCharsets.US_ASCII);
        for (byte b : head) {
          out.write(b);
          out.flush();
          sleep(delay);
        }
        return true;
      }
      case "/bad-status":
        out.write("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        awaitClientClose(in);
        return false;
      case "/huge-header": {
        out.write("HTTP/1.1 200 OK\r\nX-Big: ".getBytes(StandardCharsets.US_ASCII));
        byte[] filler = new byte[400 * 1024];
        java.util.Arrays.fill(filler, (byte) 'h');
        out.write(filler);
        out.write("\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        awaitClientClose(in);
        return false;
      }
      case "/interim": {
        int count = (int) r.longParam("count", 1);
        for (int i = 0; i < count; i++) {
          out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        writeHead(out, 200, "text/plain", "Content-Length: 2");
        out.write("ok".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
      }
      case "/sse": {
        // events as chunks; the last event and the chunked terminator in one write, as servers commonly send them
        int events = (int) r.longParam("events", 5);
        writeHead(out, 200, "text/event-stream", "Transfer-Encoding: chunked");
        for (int i = 0; i < events; i++) {
          writeChunk(out, "data: {\"i\":" + i + "}\n\n");
          out.flush();
        }
        writeChunk(out, SSE_DONE);
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
      }
      case "/disconnect": {
        long bytes = r.longParam("bytes", 0);
        writeHead(out, 200, "application/octet-stream", "Content-Length: " + (bytes * 2 + 100));
        writePattern(out, 0, bytes);
        out.flush();
        return false;
      }
      case "/status": {
        int code = (int) r.longParam("code", 500);
        byte[] body = ("{\"error\":\"status " + code + "\"}").getBytes(StandardCharsets.UTF_8);
        writeHead(out, code, "application/json", "Content-Length: " + body.length);
        out.write(body);
        out.flush();
        return true;
      }
      case "/echo": {
        List<String> extra = new ArrayList<>();
        r.headers.forEach((name, values) -> {
          if (name.toLowerCase(Locale.ROOT).startsWith("x-")) {
            for (String v : values) {
              extra.add("X-Echo-" + name.substring(2) + ": " + v);
            }
          }
        });
        extra.add("X-Multi: a");
        extra.add("X-Multi: b");
        extra.add("Content-Length: " + r.body.length);
        writeHead(out, 200, "application/octet-stream", extra.toArray(new String[0]));
        out.write(r.body);
        out.flush();
        return true;
      }
      default: {
        byte[] body = ("no route " + path).getBytes(StandardCharsets.UTF_8);
        writeHead(out, 404, "text/plain", "Content-Length: " + body.length);
        out.write(body);
        out.flush();
        return true;
      }
    }
  }

  private static void writeChunk(OutputStream out, String text) throws IOException {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private void awaitClientClose(InputStream in) throws IOException {
    while (!closed) {
      if (in.read() < 0) {
        return;
      }
    }
  }

  private static void writeHead(OutputStream out, int status, String contentType, String... headers)
      throws IOException {
    StringBuilder b = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    b.append("Content-Type: ").append(contentType).append("\r\n");
    for (String h : headers) {
      b.append(h).append("\r\n");
    }
    b.append("\r\n");
    out.write(b.toString().getBytes(StandardCharsets.US_ASCII));
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 407:
        return "Proxy Authentication Required";
      case 401:
        return "Unauthorized";
      case 404:
        return "Not Found";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 503:
        return "Service Unavailable";
      default:
        return "Status";
    }
  }

  private static void writePattern(OutputStream out, long from, long size) throws IOException {
    byte[] buf = new byte[8192];
    long pos = from;
    long left = size;
    while (left > 0) {
      int n = (int) Math.min(buf.length, left);
      for (int i = 0; i < n; i++) {
        buf[i] = patternByte(pos + i);
      }
      out.write(buf, 0, n);
      pos += n;
      left -= n;
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Stops accepting and closes every connection. */
  @Override
  public void close() throws IOException {
    closed = true;
    serverSocket.close();
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "TckHttpServer[" + uri("/") + ", open=" + open.get() + ", accepted=" + accepted.get() + "]";
  }

  /** One parsed request. */
  private static final class Request {
    final String method;
    final String target;
    final Map<String, List<String>> headers;
    final byte[] body;

    private Request(String method, String target, Map<String, List<String>> headers, byte[] body) {
      this.method = method;
      this.target = target;
      this.headers = headers;
      this.body = body;
    }

    /** Reads a request, or returns null at a clean end of stream before one started. */
    static Request read(InputStream in) throws IOException {
      String requestLine = line(in, true);
      if (requestLine == null) {
        return null;
      }
      String[] parts = requestLine.split(" ");
      if (parts.length != 3) {
        throw new IOException("bad request line: " + requestLine);
      }
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (String h = line(in, false); !h.isEmpty(); h = line(in, false)) {
        int colon = h.indexOf(':');
        if (colon <= 0) {
          throw new IOException("bad header line: " + h);
        }
        headers.computeIfAbsent(h.substring(0, colon).trim(), k -> new ArrayList<>()).add(h.substring(colon + 1).trim());
      }
      Request head = new Request(parts[0], parts[1], headers, new byte[0]);
      if (head.path().equals("/no-read")) {
        return head; // the body stays unread, as by a server that never reads it
      }
      byte[] body;
      String te = head.header("transfer-encoding");
      if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
        body = readChunked(in);
      } else {
        String cl = head.header("content-length");
        body = cl == null ? new byte[0] : in.readNBytes(Integer.parseInt(cl.trim()));
        if (cl != null && body.length != Integer.parseInt(cl.trim())) {
          throw new IOException("request body ended early");
        }
      }
      return new Request(parts[0], parts[1], headers, body);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = line(in, false);
        int semi = sizeLine.indexOf(';');
        int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
        if (size == 0) {
          while (!line(in, false).isEmpty()) {
            // trailers
          }
          return body.toByteArray();
        }
        body.write(in.readNBytes(size));
        line(in, false);
      }
    }

    private static String line(InputStream in, boolean eofAllowed) throws IOException {
      StringBuilder b = new StringBuilder();
      while (true) {
        int c;
        try {
          c = in.read();
        } catch (SocketTimeoutException e) {
          throw e;
        }
        if (c < 0) {
          if (eofAllowed && b.length() == 0) {
            return null;
          }
          throw new IOException("connection closed inside a request");
        }
        if (c == '\n') {
          int len = b.length();
          return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
        }
        b.append((char) c);
        if (b.length() > 65536) {
          throw new IOException("request line or header too long");
        }
      }
    }

    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    /** Whether the target is in absolute form, as sent to a proxy. */
    boolean viaProxy() {
      return target.startsWith("http://") || target.startsWith("https://");
    }

    String path() {
      String t = target;
      if (viaProxy()) {
        int slash = t.indexOf('/', t.indexOf("//") + 2);
        t = slash < 0 ? "/" : t.substring(slash);
      }
      int q = t.indexOf('?');
      return q < 0 ? t : t.substring(0, q);
    }

    long longParam(String name, long dflt) {
      int q = target.indexOf('?');
      if (q < 0) {
        return dflt;
      }
      for (String p : target.substring(q + 1).split("&")) {
        int eq = p.indexOf('=');
        if (eq > 0 && p.substring(0, eq).equals(name)) {
          return Long.parseLong(p.substring(eq + 1));
        }
      }
      return dflt;
    }

    @Override
    public String toString() {
      return method + " " + target;
    }
  }
}
