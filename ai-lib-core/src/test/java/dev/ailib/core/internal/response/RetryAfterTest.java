package dev.ailib.core.internal.response;

import static dev.ailib.core.internal.response.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.core.spi.transport.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static Duration headers(String manifestHeader, String... nameValues) {
    return RetryAfter.fromHeaders(HttpHeaders.of(nameValues), manifestHeader, NOW);
  }

  @Test
  void millisecondsFirstThenSecondsOrDate() {
    assertThat(headers(null, "retry-after-ms", "1500", "Retry-After", "9")).isEqualTo(Duration.ofMillis(1500));
    assertThat(headers(null, "Retry-After", "7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(headers(null, "Retry-After", "1.5")).isEqualTo(Duration.ofMillis(1500));
    assertThat(headers(null, "Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT")).isEqualTo(Duration.ofSeconds(30));
    assertThat(headers(null, "retry-after-ms", "soon", "Retry-After", "2")).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void negativeZeroAndPastReadAsZero() {
    assertThat(headers(null, "Retry-After", "Wed, 31 Dec 2025 23:00:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(headers(null, "Retry-After", "-5")).isEqualTo(Duration.ZERO);
    assertThat(headers(null, "Retry-After", "0")).isEqualTo(Duration.ZERO);
    assertThat(headers(null, "retry-after-ms", "-1")).isEqualTo(Duration.ZERO);
  }

  @Test
  void unparseableIsIgnored() {
    assertThat(headers(null, "Retry-After", "soon")).isNull();
    assertThat(headers(null, "Retry-After", "NaN")).isNull();
    assertThat(headers(null, "Retry-After", "1e9")).isNull();
    assertThat(headers(null)).isNull();
  }

  @Test
  void manifestHeaderThenRetryAfter() {
    assertThat(headers("x-wait", "x-wait", "2", "Retry-After", "5")).isEqualTo(Duration.ofSeconds(2));
    assertThat(headers("x-wait", "Retry-After", "5")).isEqualTo(Duration.ofSeconds(5));
    assertThat(headers(null, "x-wait", "2")).isNull();
  }

  @Test
  void hugeValuesAreBounded() {
    assertThat(headers(null, "Retry-After", "99999999999999999999999")).isEqualTo(Duration.ofDays(366));
  }

  @Test
  void googleRetryInfoInTheErrorBody() {
    String body = "{'error':{'code':429,'status':'RESOURCE_EXHAUSTED','details':["
        + "{'@type':'type.googleapis.com/google.rpc.QuotaFailure','violations':[]},"
        + "{'@type':'type.googleapis.com/google.rpc.RetryInfo','retryDelay':'%s'}]}}";
    assertThat(RetryAfter.fromBody(json(body.formatted("37s")).get("error"))).isEqualTo(Duration.ofSeconds(37));
    assertThat(RetryAfter.fromBody(json(body.formatted("1.5s")).get("error"))).isEqualTo(Duration.ofMillis(1500));
    assertThat(RetryAfter.fromBody(json(body.formatted("0.000340s")).get("error")))
        .isEqualTo(Duration.ofNanos(340_000));
    assertThat(RetryAfter.fromBody(json(body.formatted("soon")).get("error"))).isNull();
    assertThat(RetryAfter.fromBody(json("{'details':[{'@type':'type.googleapis.com/google.rpc.RetryInfo',"
        + "'retryDelay':{'seconds':3,'nanos':500000000}}]}"))).isEqualTo(Duration.ofMillis(3500));
    assertThat(RetryAfter.fromBody(json("{'message':'x'}"))).isNull();
    assertThat(RetryAfter.fromBody(null)).isNull();
  }
}
