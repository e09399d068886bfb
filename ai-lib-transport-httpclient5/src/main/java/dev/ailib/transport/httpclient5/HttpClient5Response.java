package dev.ailib.transport.httpclient5;

import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.TransportResponse;
import java.io.InputStream;

/** A response whose body is a {@link StreamingBody}. */
final class HttpClient5Response implements TransportResponse {
  private final int status;
  private final HttpHeaders headers;
  private final StreamingBody body;

  HttpClient5Response(int status, HttpHeaders headers, StreamingBody body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public HttpHeaders headers() {
    return headers;
  }

  @Override
  public InputStream body() {
    return body;
  }

  @Override
  public void close() {
    body.close();
  }

  @Override
  public String toString() {
    return "HttpClient5Response[status=" + status + ", headers=" + headers + "]";
  }
}
