package dev.ailib.core.internal.response;

import static dev.ailib.core.internal.response.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.internal.codec.TestManifests;
import dev.ailib.core.spi.manifest.ErrorClassificationSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.transport.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String KEY = "sk-SECRET-0123456789abcdefghijklmnopqrstuv";
  private static final Redactor REDACTOR = Redactor.of(KEY);
  private static final ErrorClassificationSpec SPEC = new ErrorClassificationSpec(Map.of(429,
      StandardErrorCode.RATE_LIMITED, 503, StandardErrorCode.OVERLOADED, 400, StandardErrorCode.INVALID_REQUEST,
      418, StandardErrorCode.CONFLICT), Map.of("RESOURCE_EXHAUSTED", StandardErrorCode.QUOTA_EXHAUSTED,
      "generic_type", StandardErrorCode.TIMEOUT, "special", StandardErrorCode.PERMISSION_DENIED));

  private static RemoteException http(ProviderManifest m, int status, HttpHeaders h, String body) {
    return ErrorClassifier.fromHttp(status, h, body.getBytes(StandardCharsets.UTF_8), m, NOW)
        .toException("provider '" + m.id() + "' (model m1)", REDACTOR);
  }

  private static StandardErrorCode code(String body, int status) {
    return ErrorClassifier.classify(json(body), status, SPEC).code();
  }

  @Test
  void orderOfPrecedence() {
    // 1. the manifest's by_error_code for the specific code beats everything
    assertThat(code("{'error':{'code':'special','type':'generic_type'}}", 429))
        .isEqualTo(StandardErrorCode.PERMISSION_DENIED);
    // 2. the standard meaning of the specific code beats by_http_status
    assertThat(code("{'error':{'code':'context_length_exceeded','type':'invalid_request_error'}}", 400))
        .isEqualTo(StandardErrorCode.REQUEST_TOO_LARGE);
    assertThat(code("{'error':{'code':'insufficient_quota'}}", 429)).isEqualTo(StandardErrorCode.QUOTA_EXHAUSTED);
    // 3. the manifest's by_error_code for the status name
    assertThat(code("{'error':{'code':429,'status':'RESOURCE_EXHAUSTED'}}", 429))
        .isEqualTo(StandardErrorCode.QUOTA_EXHAUSTED);
    // 4. by_http_status beats the generic type, also a mapping that differs from the standard one
    assertThat(code("{'error':{'type':'generic_type'}}", 418)).isEqualTo(StandardErrorCode.CONFLICT);
    // 5. the generic type in the manifest beats the standard meaning of the status
    assertThat(code("{'error':{'type':'generic_type'}}", 500)).isEqualTo(StandardErrorCode.TIMEOUT);
    // 6. the standard meaning of the status beats that of the type
    assertThat(code("{'error':{'type':'invalid_request_error'}}", 401)).isEqualTo(StandardErrorCode.AUTHENTICATION);
    // 7. the standard meaning of the type, then of the status name, for in-stream errors without status
    assertThat(code("{'type':'error','error':{'type':'overloaded_error'}}", -1)).isEqualTo(StandardErrorCode.OVERLOADED);
    assertThat(code("{'error':{'status':'UNAVAILABLE'}}", -1)).isEqualTo(StandardErrorCode.OVERLOADED);
    assertThat(code("{'error':'plain text'}", -1)).isEqualTo(StandardErrorCode.UNKNOWN);
  }

  @Test
  void anIntegerCodeCountsAsTheStatusInStreamsAndSuccessBodies() {
    assertThat(code("{'error':{'code':503,'message':'m'}}", -1)).isEqualTo(StandardErrorCode.OVERLOADED);
    assertThat(code("{'error':{'code':418,'message':'m'}}", 200)).isEqualTo(StandardErrorCode.CONFLICT);
    assertThat(ErrorClassifier.classify(json("{'error':{'code':429}}"), -1, ErrorClassificationSpec.NONE).code())
        .isEqualTo(StandardErrorCode.RATE_LIMITED);
  }

  @Test
  void googleErrorInfoReasonIsTheSpecificCode() {
    ProviderError e = ErrorClassifier.classify(json("{'error':{'code':400,'message':'API key not valid. Please "
        + "pass a valid API key.','status':'INVALID_ARGUMENT','details':[{'@type':"
        + "'type.googleapis.com/google.rpc.ErrorInfo','reason':'API_KEY_INVALID','domain':'googleapis.com'}]}}"),
        400, new ErrorClassificationSpec(Map.of(400, StandardErrorCode.INVALID_REQUEST),
            Map.of("INVALID_ARGUMENT", StandardErrorCode.INVALID_REQUEST)));
    assertThat(e.code()).isEqualTo(StandardErrorCode.AUTHENTICATION);
    assertThat(e.providerCode()).isEqualTo("API_KEY_INVALID");
  }

  @Test
  void providerCodeAndMessageAndBodyRequestId() {
    ProviderError e = ErrorClassifier.classify(json("{'type':'error','error':{'type':'rate_limit_error',"
        + "'message':'Number of request tokens has exceeded your per-minute rate limit'},'request_id':'req_011'}"),
        429, ErrorClassificationSpec.NONE);
    assertThat(e.code()).isEqualTo(StandardErrorCode.RATE_LIMITED);
    assertThat(e.providerCode()).isEqualTo("rate_limit_error");
    assertThat(e.message()).startsWith("Number of request tokens");
    assertThat(e.requestId()).isEqualTo("req_011");
    assertThat(ErrorClassifier.classify(json("{'detail':'Not Found'}"), 404, SPEC).message()).isEqualTo("Not Found");
  }

  @Test
  void httpResponsesKeepHeadersBeforeTheBody() {
    RemoteException e = http(TestManifests.chat("http://x"), 429, HttpHeaders.of("Retry-After", "7", "x-request-id",
        "req-42"), "{'error':{'message':'You exceeded your quota','code':'insufficient_quota'},'request_id':'b-1'}"
        .replace('\'', '"'));
    assertThat(e.errorType()).isEqualTo(StandardErrorCode.QUOTA_EXHAUSTED);
    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.requestId()).contains("req-42");
    assertThat(e.providerCode()).contains("insufficient_quota");
    assertThat(e.getMessage()).isEqualTo("HTTP 429 from provider 'acme' (model m1): quota_exhausted, provider code "
        + "insufficient_quota: You exceeded your quota [request id req-42]");
    RemoteException other = http(TestManifests.generate("http://x"), 500, HttpHeaders.of("x-goog-request-id", "g-1"),
        "{}");
    assertThat(other.requestId()).contains("g-1");
  }

  @Test
  void geminiRetryInfoInTheBodyIsTheRetryAfter() {
    RemoteException e = http(TestManifests.generate("http://x"), 429, HttpHeaders.EMPTY,
        "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":"
            + "[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"37s\"}]}}");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(37));
    RemoteException header = http(TestManifests.generate("http://x"), 429, HttpHeaders.of("Retry-After", "2"),
        "{\"error\":{\"code\":429,\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
            + "\"retryDelay\":\"37s\"}]}}");
    assertThat(header.retryAfter()).contains(Duration.ofSeconds(2));
  }

  @Test
  void anErrorWrappedInAnArrayAsGoogleStreamingEndpointsSendIt() {
    RemoteException e = http(TestManifests.generate("http://x"), 429, HttpHeaders.EMPTY,
        "[{\"error\":{\"code\":429,\"message\":\"Resource exhausted.\",\"status\":\"RESOURCE_EXHAUSTED\"}}]");
    assertThat(e.providerCode()).contains("RESOURCE_EXHAUSTED");
    assertThat(e.getMessage()).contains("Resource exhausted.");
  }

  @Test
  void aBodyThatIsNotJsonIsQuotedRedactedThenCut() {
    String body = "x".repeat(480) + KEY + "y".repeat(600);
    RemoteException e = http(TestManifests.chat("http://x"), 502, HttpHeaders.EMPTY, body);
    assertThat(e.errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR);
    assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain(KEY.substring(0, 12))
        .contains("x".repeat(480) + Redactor.MASK).endsWith("...");
  }

  @Test
  void echoedKeysAreMaskedInTheMessageAndEveryAccessor() {
    RemoteException e = http(TestManifests.chat("http://x"), 401, HttpHeaders.of("x-request-id", "req_" + KEY),
        "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\",\"code\":\"" + KEY + "\"}}");
    assertThat(e.getMessage()).doesNotContain(KEY).contains(Redactor.MASK);
    assertThat(e.toString()).doesNotContain(KEY);
    assertThat(e.providerCode()).contains(Redactor.MASK);
    assertThat(e.requestId()).contains("req_" + Redactor.MASK);
  }

  @Test
  void aRedirectNamesWhereItPointsAndThatItWasNotFollowed() {
    RemoteException e = http(TestManifests.chat("http://x"), 301, HttpHeaders.of("Location",
        "https://elsewhere.test/v1/chat?key=" + KEY), "Moved");
    assertThat(e.getMessage()).contains("redirect to https://elsewhere.test/v1/chat?key=" + Redactor.MASK
        + " not followed").doesNotContain(KEY);
    assertThat(e.statusCode()).isEqualTo(301);
    assertThat(http(TestManifests.chat("http://x"), 307, HttpHeaders.EMPTY, "").getMessage())
        .contains("redirect (no Location header) not followed");
  }

  @Test
  void manifestStatusThenStandardMapping() {
    assertThat(http(TestManifests.messages("http://x"), 529, HttpHeaders.EMPTY, "").errorType())
        .isEqualTo(StandardErrorCode.OVERLOADED);
    assertThat(http(TestManifests.chat("http://x"), 401, HttpHeaders.EMPTY, "not json").errorType())
        .isEqualTo(StandardErrorCode.AUTHENTICATION);
    assertThat(http(TestManifests.chat("http://x"), 502, HttpHeaders.EMPTY, "{}").errorType())
        .isEqualTo(StandardErrorCode.SERVER_ERROR);
  }

  @Test
  void inStreamErrorsSayWhereTheyCameFrom() {
    RemoteException e = ErrorClassifier.classify(json("{'type':'overloaded_error','message':'Overloaded'}"),
        json("{'type':'error','request_id':'req_9'}"), -1, ErrorClassificationSpec.NONE)
        .toException("provider 'a' (model b)", Redactor.NONE);
    assertThat(e.getMessage()).isEqualTo("error frame in the stream from provider 'a' (model b): overloaded, provider "
        + "code overloaded_error: Overloaded [request id req_9]");
    assertThat(e.statusCode()).isEqualTo(-1);
  }
}
