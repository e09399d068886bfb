package dev.ailib.transport.httpclient5;

import java.io.IOException;
import java.time.Duration;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The request executor that hands each exchange's bounds to its {@link GuardedConnection}: while the request is
 * written and the response head read, every read ends by the response-headers deadline (or the call deadline);
 * once the head is in, each read waits at most the idle timeout. It also hands the connection to the
 * {@link Exchange} so that a cancel can close it, and puts the real path back on a request that carried a masked
 * one through the client's exec chain (whose DEBUG log prints the request line: a query-string key would be in it).
 */
final class StreamingRequestExecutor extends HttpRequestExecutor {
  private final int idleMillis;

  StreamingRequestExecutor(Duration idle) {
    this.idleMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, idle.toMillis()));
  }

  @Override
  public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection conn,
      HttpResponseInformationCallback informationCallback, HttpContext context) throws IOException, HttpException {
    Exchange exchange = (Exchange) context.getAttribute(Exchange.ATTRIBUTE);
    GuardedConnection guarded = conn instanceof GuardedConnection g ? g : null;
    if (exchange != null) {
      if (guarded != null) {
        guarded.head(Math.min(exchange.headDeadlineNanos, exchange.callDeadlineNanos), exchange.target);
        exchange.connection(guarded);
      }
      if (exchange.realPath != null) {
        request.setPath(exchange.realPath);
      }
    }
    ClassicHttpResponse response = super.execute(request, conn, informationCallback, context);
    if (exchange != null) {
      exchange.headersReceived();
      if (guarded != null) {
        guarded.body(idleMillis, exchange.callDeadlineNanos);
      }
    }
    return response;
  }
}
