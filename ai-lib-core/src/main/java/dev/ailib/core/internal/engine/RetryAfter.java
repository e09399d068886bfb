package dev.ailib.core.internal.engine;

import dev.ailib.core.spi.transport.HttpHeaders;
import java.time.Instant;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads how long a provider asks callers to wait: {@code retry-after-ms} (milliseconds) first, then the
 * {@code Retry-After} header (or the manifest's name for it) as seconds or an HTTP date. Negative or past values
 * become zero; unparseable values are ignored.
 */
final class RetryAfter {
  private RetryAfter() {
  }

  static Duration parse(HttpHeaders headers, String headerName, Instant now) {
    String ms = headers.first("retry-after-ms").orElse(null);
    if (ms != null) {
      try {
        double v = Double.parseDouble(ms.trim());
        if (!Double.isNaN(v) && !Double.isInfinite(v)) {
          return Duration.ofNanos((long) (Math.max(0, v) * 1_000_000));
        }
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    String v = headers.first(headerName == null ? "retry-after" : headerName).orElse(null);
    if (v == null && headerName != null) {
      v = headers.first("retry-after").orElse(null);
    }
    if (v == null || v.isBlank()) {
      return null;
    }
    v = v.trim();
    try {
      double seconds = Double.parseDouble(v);
      if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        return null;
      }
      return Duration.ofMillis((long) (Math.max(0, seconds) * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(now, at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
