package dev.ailib.it.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatStream;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.Environment;
import dev.ailib.it.Manifests;
import dev.ailib.it.wire.ScriptedTransport.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a provider's errors are classified by its manifest, as the caller's {@link RemoteException} shows it: the
 * manifest's {@code by_http_status} where it differs from the standard mapping, the order in which a body's code,
 * reason, status name and type decide (and which one is the provider code), the manifest's own retry-after header
 * with {@code Retry-After} as the fallback, and a provider that needs no key.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ErrorClassificationTest {
  private final ScriptedTransport transport = new ScriptedTransport();
  @TempDir
  Path dir;

  private AiClient client() {
    return AiClient.builder().model(Manifests.MODEL).protocolDir(dir).apiKey("sk-acme-test-0003").transport(transport)
        .resilience(ResilientConfig.builder().maxRetries(0).build()).component(Environment.of(Map.of())).build();
  }

  private RemoteException fail(AiClient client) {
    return catchThrowableOfType(() -> client.chat().user("hi").execute(), RemoteException.class);
  }

  private static String error(String fields) {
    return "{\"error\":{" + fields + "\"message\":\"it failed\"}}";
  }

  @Test
  void theManifestsHttpStatusMappingWinsOverTheStandardOne() {
    // each differs from the standard mapping (400 invalid_request, 500 server_error, 503 overloaded, 418 4xx)
    Manifests.write(dir, Manifests.OPENAI_STREAMING, """
          by_http_status: {"400": quota_exhausted, "500": overloaded, "503": server_error, "418": rate_limited}
        """, "");
    transport.enqueue(Response.error(400, error("")), Response.error(500, error("")), Response.error(503, error("")),
        Response.error(418, error("")), Response.error(404, error("")));
    try (AiClient client = client()) {
      assertThat(fail(client).errorType()).isEqualTo(StandardErrorCode.QUOTA_EXHAUSTED);
      assertThat(fail(client).errorType()).isEqualTo(StandardErrorCode.OVERLOADED);
      assertThat(fail(client).errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR);
      assertThat(fail(client).errorType()).isEqualTo(StandardErrorCode.RATE_LIMITED);
      RemoteException unmapped = fail(client);
      assertThat(unmapped.errorType()).as("not in the manifest: the standard mapping").isEqualTo(StandardErrorCode.NOT_FOUND);
      assertThat(unmapped.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void anIntegerCodeInAStreamErrorFrameIsMappedLikeAnHttpStatus() {
    Manifests.write(dir, Manifests.OPENAI_STREAMING, """
          by_http_status: {"503": server_error}
        """, "");
    transport.enqueue(Response.sse(
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"par\"},\"finish_reason\":null}]}\n\n",
        "data: {\"error\":{\"code\":503,\"message\":\"busy, try later\"}}\n\n"));
    List<StreamingEvent> events = new ArrayList<>();
    RemoteException thrown;
    try (AiClient client = client(); ChatStream stream = client.chat().user("hi").stream()) {
      thrown = catchThrowableOfType(() -> stream.forEach(events::add), RemoteException.class);
    }
    assertThat(thrown.errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR);
    assertThat(thrown.statusCode()).isEqualTo(-1);
    assertThat(thrown).hasMessageContaining("busy, try later");
    assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(StreamingEvent.StreamError.class,
        e -> assertThat(e.error().errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR));
  }

  @Test
  void theSpecificCodeThenTheReasonThenTheStatusNameThenTheHttpStatusThenTheTypeDecide() {
    Manifests.write(dir, Manifests.OPENAI_STREAMING, """
          by_http_status: {"400": not_found}
          by_error_code: {acme_code: conflict, ACME_REASON: permission_denied, ACME_STATUS: timeout,
                          acme_type: overloaded}
        """, "");
    String code = "\"code\":\"acme_code\",";
    String reason = "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"ACME_REASON\"}],";
    String status = "\"status\":\"ACME_STATUS\",";
    String type = "\"type\":\"acme_type\",";
    transport.enqueue(
        Response.error(400, error(code + reason + status + type)),
        Response.error(400, error(reason + status + type)),
        Response.error(400, error(status + type)),
        Response.error(400, error(type)),
        Response.error(418, error(type)));
    try (AiClient client = client()) {
      RemoteException all = fail(client);
      assertThat(all.errorType()).isEqualTo(StandardErrorCode.CONFLICT);
      assertThat(all.providerCode()).contains("acme_code");
      RemoteException noCode = fail(client);
      assertThat(noCode.errorType()).isEqualTo(StandardErrorCode.PERMISSION_DENIED);
      assertThat(noCode.providerCode()).contains("ACME_REASON");
      RemoteException statusAndType = fail(client);
      assertThat(statusAndType.errorType()).isEqualTo(StandardErrorCode.TIMEOUT);
      assertThat(statusAndType.providerCode()).as("the type before the status name").contains("acme_type");
      RemoteException typeOnly = fail(client);
      assertThat(typeOnly.errorType()).as("the manifest's HTTP status before the type").isEqualTo(StandardErrorCode.NOT_FOUND);
      assertThat(typeOnly.providerCode()).contains("acme_type");
      RemoteException typeUnmappedStatus = fail(client);
      assertThat(typeUnmappedStatus.errorType()).as("the type before the standard meaning of 418")
          .isEqualTo(StandardErrorCode.OVERLOADED);
    }
  }

  @Test
  void theStatusNameIsTheProviderCodeWhenNothingElseIs() {
    Manifests.write(dir, Manifests.OPENAI_STREAMING, Manifests.NO_ERROR_MAPPING, "");
    transport.enqueue(Response.error(429, error("\"status\":\"RESOURCE_EXHAUSTED\",")));
    try (AiClient client = client()) {
      RemoteException e = fail(client);
      assertThat(e.providerCode()).contains("RESOURCE_EXHAUSTED");
      assertThat(e.errorType()).isEqualTo(StandardErrorCode.RATE_LIMITED);
    }
  }

  @Test
  void theManifestsRetryAfterHeaderFallsBackToRetryAfter() {
    Manifests.write(dir, Manifests.OPENAI_STREAMING, Manifests.NO_ERROR_MAPPING,
        "rate_limit_headers: {retry_after: x-acme-retry-after}");
    transport.enqueue(
        Response.error(429, error(""), "Retry-After", "7"),
        Response.error(429, error(""), "x-acme-retry-after", "3", "Retry-After", "7"),
        Response.error(429, error(""), "retry-after-ms", "1500", "x-acme-retry-after", "3"),
        Response.error(429, error("")));
    try (AiClient client = client()) {
      assertThat(fail(client).retryAfter()).as("only Retry-After").contains(Duration.ofSeconds(7));
      assertThat(fail(client).retryAfter()).as("the manifest's header first").contains(Duration.ofSeconds(3));
      assertThat(fail(client).retryAfter()).as("retry-after-ms first").contains(Duration.ofMillis(1500));
      assertThat(fail(client).retryAfter()).as("none").isEmpty();
    }
  }

  @Test
  void aProviderThatNeedsNoKeyReportsItsErrorsLikeAnyOther() {
    Manifests.write(dir, "{type: none}", Manifests.OPENAI_STREAMING, Manifests.NO_ERROR_MAPPING, "");
    transport.enqueue(Response.error(500, error("\"type\":\"server_error\",")),
        Response.sse("data: {\"error\":{\"message\":\"model crashed\",\"type\":\"server_error\"}}\n\n"),
        Response.error(502, "<html>Bad gateway</html>"));
    try (AiClient client = AiClient.builder().model(Manifests.MODEL).protocolDir(dir).transport(transport)
        .resilience(ResilientConfig.builder().maxRetries(0).build()).component(Environment.of(Map.of())).build()) {
      RemoteException http = fail(client);
      assertThat(http.errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR);
      assertThat(http).hasMessageContaining("acme").hasMessageContaining("it failed");
      // the first frame is the error: stream() itself throws it (it reads up to the first event)
      RemoteException inStream = catchThrowableOfType(() -> {
        try (ChatStream stream = client.chat().user("hi").stream()) {
          stream.forEach(e -> { });
        }
      }, RemoteException.class);
      assertThat(inStream.errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR);
      assertThat(inStream).hasMessageContaining("model crashed");
      RemoteException notJson = fail(client);
      assertThat(notJson.errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR);
      assertThat(notJson).hasMessageContaining("Bad gateway");
    }
    assertThat(transport.requests()).allSatisfy(r -> assertThat(r.headers().first("Authorization")).isEmpty());
  }
}
