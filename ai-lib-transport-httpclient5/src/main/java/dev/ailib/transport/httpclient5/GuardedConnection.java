package dev.ailib.transport.httpclient5;

import dev.ailib.core.spi.transport.HttpHeaders;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

/**
 * HttpClient 5's managed connection with three changes this transport needs.
 *
 * <ul>
 *   <li>Every socket read is bounded by the exchange's current limit: while the response head is read, by the time
 *       left until the response-headers timeout or the call deadline (so a server that drips its status line and
 *       headers byte by byte still ends at the headers timeout; a plain socket timeout restarts with every byte);
 *       while the body is read, by the idle timeout, or less when the call deadline is nearer. The socket timeout
 *       is set before each read (no system call: the JDK socket keeps it as a field).</li>
 *   <li>At most {@value #MAX_INTERIM} interim ({@code 1xx}) responses per request, as the JDK client allows; more is
 *       a protocol error.</li>
 *   <li>Nothing is fed to HttpClient 5's {@code org.apache.hc.client5.http.wire} and
 *       {@code org.apache.hc.client5.http.headers} loggers, which print every request header, the API key included,
 *       at DEBUG. Request and response heads are logged instead at DEBUG to {@value #HEADERS_LOGGER}, with the values
 *       of credential headers and query parameters masked.</li>
 * </ul>
 */
final class GuardedConnection extends DefaultManagedHttpClientConnection {
  /** The logger of request and response heads, with credentials masked. */
  static final String HEADERS_LOGGER = "dev.ailib.transport.httpclient5.headers";
  /** Interim responses accepted before the final one. */
  static final int MAX_INTERIM = 8;
  private static final System.Logger HEADERS = System.getLogger(HEADERS_LOGGER);
  private static final AtomicLong IDS = new AtomicLong();

  /** Creates these connections for the pool. */
  static final HttpConnectionFactory<ManagedHttpClientConnection> FACTORY = socket -> {
    GuardedConnection c = new GuardedConnection("http-outgoing-" + IDS.getAndIncrement());
    if (socket != null) {
      c.bind(socket);
    }
    return c;
  };

  private final String connectionId;
  /** Whether an exchange of this transport uses the connection (else reads keep the client's own timeouts). */
  private volatile boolean guarded;
  /** Reads must end by this System.nanoTime() reading (Long.MAX_VALUE: no such bound). */
  private volatile long readDeadline = Long.MAX_VALUE;
  /** In the body: each read may wait this long; 0 before the body. */
  private volatile int idleMillis;
  /** The exchange's method and redacted URI, for the heads logger. */
  private volatile String target = "";
  private int interim;

  private GuardedConnection(String id) {
    super(id, null, null, null, null, null, null, null);
    this.connectionId = id;
  }

  // ---- phases, set by the request executor and the body

  /** The head phase of an exchange: reads end by the deadline. */
  void head(long deadlineNanos, String target) {
    this.target = target;
    this.interim = 0;
    this.idleMillis = 0;
    this.readDeadline = deadlineNanos;
    this.guarded = true;
  }

  /** The body phase: each read waits at most the idle timeout, and never past the call deadline. */
  void body(int idleMillis, long callDeadlineNanos) {
    this.readDeadline = callDeadlineNanos;
    this.idleMillis = idleMillis;
  }

  /** Draining the rest of a body that was closed early: reads end by the drain's deadline. */
  void drain(long untilNanos) {
    this.idleMillis = 0;
    this.readDeadline = untilNanos;
  }

  /** The exchange is over: the connection keeps the client's own timeouts (pool validation, next lease). */
  void unguard() {
    guarded = false;
  }

  @Override
  public void passivate() {
    guarded = false; // back in the pool: its stale check must keep its own 1 ms timeout
    super.passivate();
  }

  /** The socket timeout for the next read, or -1 to leave it as the client set it. */
  private int readTimeoutMillis() throws SocketTimeoutException {
    if (!guarded) {
      return -1;
    }
    long until = readDeadline;
    int idle = idleMillis;
    if (until == Long.MAX_VALUE) {
      return idle > 0 ? idle : -1;
    }
    long left = until - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("read deadline passed");
    }
    long leftMillis = TimeUnit.NANOSECONDS.toMillis(left + 999_999);
    if (idle > 0 && leftMillis >= idle) {
      return idle;
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, leftMillis));
  }

  // ---- binding: our socket streams, never the wire logger's

  @Override
  public void bind(Socket socket) throws IOException {
    bind(new GuardedSocketHolder(socket));
  }

  @Override
  public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
    bind(new GuardedSocketHolder(sslSocket, socket));
  }

  /** A socket holder whose input stream bounds each read; output is the socket's own. */
  private final class GuardedSocketHolder extends SocketHolder {
    GuardedSocketHolder(Socket socket) {
      super(socket);
    }

    GuardedSocketHolder(SSLSocket sslSocket, Socket socket) {
      super(sslSocket, socket);
    }

    @Override
    protected InputStream getInputStream(Socket socket) throws IOException {
      return new BoundedReads(socket, socket.getInputStream());
    }
  }

  /**
   * Sets the socket timeout before each read from the connection's current bound (every time: the client changes
   * the socket's timeout itself in places, so a cached value could be stale; setting it is a field write).
   */
  private final class BoundedReads extends FilterInputStream {
    private final Socket socket;

    BoundedReads(Socket socket, InputStream in) {
      super(in);
      this.socket = socket;
    }

    private void bound() throws IOException {
      int t = readTimeoutMillis();
      if (t >= 0) {
        socket.setSoTimeout(t);
      }
    }

    @Override
    public int read() throws IOException {
      bound();
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      bound();
      return in.read(b, off, len);
    }
  }

  // ---- interim responses

  @Override
  public ClassicHttpResponse receiveResponseHeader() throws HttpException, IOException {
    ClassicHttpResponse response = super.receiveResponseHeader();
    if (response.getCode() < 200 && ++interim > MAX_INTERIM) {
      throw new ProtocolException("more than " + MAX_INTERIM + " interim (1xx) responses");
    }
    return response;
  }

  // ---- heads logging, credentials masked

  @Override
  protected void onRequestSubmitted(ClassicHttpRequest request) {
    if (request != null && HEADERS.isLoggable(Level.DEBUG)) {
      StringBuilder b = new StringBuilder(connectionId).append(" >> ").append(target);
      appendHeaders(b, request.getHeaders(), " >> ");
      HEADERS.log(Level.DEBUG, b.toString());
    }
  }

  @Override
  protected void onResponseReceived(ClassicHttpResponse response) {
    if (response != null && HEADERS.isLoggable(Level.DEBUG)) {
      StringBuilder b = new StringBuilder(connectionId).append(" << ").append(response.getCode()).append(' ')
          .append(response.getReasonPhrase());
      appendHeaders(b, response.getHeaders(), " << ");
      HEADERS.log(Level.DEBUG, b.toString());
    }
  }

  private void appendHeaders(StringBuilder b, Header[] headers, String arrow) {
    for (Header h : headers) {
      b.append('\n').append(connectionId).append(arrow).append(HttpHeaders.printable(h.getName())).append(": ")
          .append(HttpHeaders.isSensitive(h.getName()) ? "[redacted]" : HttpHeaders.printable(h.getValue()));
    }
  }
}
