package dev.ailib.core.internal.response;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.core.spi.transport.HttpHeaders;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How long a provider asks callers to wait before trying again, from its headers or its error body.
 *
 * <p>Headers, first found wins: {@code retry-after-ms} (milliseconds, OpenAI and Anthropic send it); the header the
 * manifest names in {@code rate_limit_headers.retry_after}, falling back to {@code Retry-After} when the manifest
 * names another one that is absent; each as seconds or an HTTP date. Body: a
 * {@code google.rpc.RetryInfo} entry of {@code error.details[]} ({@code "retryDelay": "37s"}, the JSON form of a
 * protobuf {@code Duration}), as Gemini sends with {@code RESOURCE_EXHAUSTED}. A header wins over the body.
 *
 * <p>Negative values and dates in the past read as zero ("now"); the retry policy raises any wait to its own
 * minimum delay. Values that do not parse are ignored (null), never guessed.
 */
public final class RetryAfter {
  private static final String RETRY_INFO = "google.rpc.RetryInfo";
  /** Longest wait read (a year): protects the arithmetic from absurd values, the retry policy caps far lower. */
  private static final long MAX_SECONDS = 366L * 24 * 3600;

  private RetryAfter() {
  }

  /**
   * The wait a response's headers ask for.
   *
   * @param headers the response headers
   * @param manifestHeader the manifest's retry-after header name, or null for {@code Retry-After}
   * @param now the current time (for HTTP dates)
   * @return the wait, or null when no header says
   */
  public static Duration fromHeaders(HttpHeaders headers, String manifestHeader, Instant now) {
    String ms = headers.first("retry-after-ms").orElse(null);
    if (ms != null) {
      Duration d = decimal(ms, 1_000_000L);
      if (d != null) {
        return d;
      }
    }
    String v = headers.first(manifestHeader == null || manifestHeader.isBlank() ? "retry-after" : manifestHeader)
        .orElse(null);
    if (v == null && manifestHeader != null) {
      v = headers.first("retry-after").orElse(null);
    }
    if (v == null || v.isBlank()) {
      return null;
    }
    Duration seconds = decimal(v, 1_000_000_000L);
    if (seconds != null) {
      return seconds;
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(now, at.toInstant());
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException notDate) {
      return null;
    }
  }

  /**
   * The wait an error body asks for: the {@code retryDelay} of a {@code google.rpc.RetryInfo} entry in
   * {@code details[]} of the error object.
   *
   * @param error the error object (the body's {@code error}), may be null
   * @return the wait, or null when the body does not say
   */
  public static Duration fromBody(JsonNode error) {
    if (error == null || !error.isObject()) {
      return null;
    }
    JsonNode details = error.get("details");
    if (details == null || !details.isArray()) {
      return null;
    }
    for (JsonNode d : details) {
      JsonNode type = d.get("@type");
      if (type == null || !type.isTextual() || !type.textValue().endsWith(RETRY_INFO)) {
        continue;
      }
      JsonNode delay = d.get("retryDelay");
      if (delay != null && delay.isTextual()) {
        String s = delay.textValue().trim();
        if (s.endsWith("s")) {
          Duration parsed = decimal(s.substring(0, s.length() - 1), 1_000_000_000L);
          if (parsed != null) {
            return parsed;
          }
        }
      } else if (delay != null && delay.isObject()) {
        // the protobuf object form {seconds, nanos}
        long seconds = delay.path("seconds").asLong(0);
        long nanos = delay.path("nanos").asLong(0);
        return clamp(BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(nanos, 9)), 1_000_000_000L);
      }
    }
    return null;
  }

  /** A decimal number of units (nanos per unit given), or null when the text is not a plain decimal number. */
  private static Duration decimal(String text, long nanosPerUnit) {
    String t = text.trim();
    if (t.isEmpty() || t.length() > 40) {
      return null;
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!(c >= '0' && c <= '9') && c != '.' && !(i == 0 && (c == '-' || c == '+'))) {
        return null; // no exponents, no NaN or Infinity, no "1_000"
      }
    }
    try {
      return clamp(new BigDecimal(t), nanosPerUnit);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Duration clamp(BigDecimal units, long nanosPerUnit) {
    if (units.signum() <= 0) {
      return Duration.ZERO;
    }
    BigDecimal nanos = units.multiply(BigDecimal.valueOf(nanosPerUnit));
    BigDecimal max = BigDecimal.valueOf(MAX_SECONDS).multiply(BigDecimal.valueOf(1_000_000_000L));
    return Duration.ofNanos(nanos.min(max).longValue());
  }
}
