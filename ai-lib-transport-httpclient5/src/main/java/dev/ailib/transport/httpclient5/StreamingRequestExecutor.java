package dev.ailib.transport.httpclient5;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;

/**
 * The request executor that makes the two read timeouts separate: while waiting for the response head the
 * socket timeout is the response-headers timeout (set by the client from the request config); once the head
 * is in, it becomes the idle timeout for the body. It also hands the connection to the {@link Exchange} so
 * that a cancel can close it.
 */
final class StreamingRequestExecutor extends HttpRequestExecutor {
  private final Timeout idle;

  StreamingRequestExecutor(Duration idle) {
    this.idle = Timeout.of(idle.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection conn,
      HttpResponseInformationCallback informationCallback, HttpContext context) throws IOException, HttpException {
    Exchange exchange = (Exchange) context.getAttribute(Exchange.ATTRIBUTE);
    if (exchange != null) {
      exchange.connection(conn);
    }
    ClassicHttpResponse response = super.execute(request, conn, informationCallback, context);
    if (exchange != null) {
      exchange.headersReceived();
    }
    conn.setSocketTimeout(idle);
    return response;
  }
}
