package dev.ailib.transport.jdk;

import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.TransportResponse;
import java.io.InputStream;

/** A response whose body is a {@link StreamingBody}. */
final class JdkResponse implements TransportResponse {
  private final int status;
  private final HttpHeaders headers;
  private final StreamingBody body;

  JdkResponse(int status, HttpHeaders headers, StreamingBody body) {
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
    return "JdkResponse[status=" + status + ", headers=" + headers + "]";
  }
}
