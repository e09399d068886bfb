package dev.ailib.telemetry.otel;

import io.opentelemetry.api.OpenTelemetry;

/** Configures an {@link OtelTelemetry}. Not thread-safe. */
public final class OtelTelemetryBuilder {
  private final OpenTelemetry openTelemetry;
  private boolean captureMessageContent;
  private boolean emitLegacySystemAttribute;

  OtelTelemetryBuilder(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
  }

  /**
   * Whether to record the request's messages ({@code gen_ai.input.messages}) and the answer
   * ({@code gen_ai.output.messages}) on the span. Off by default: messages may hold personal or confidential data.
   * Inline images and audio are never copied, only their media type.
   *
   * @param value true to record content
   * @return this
   */
  public OtelTelemetryBuilder captureMessageContent(boolean value) {
    this.captureMessageContent = value;
    return this;
  }

  /**
   * Whether to write the deprecated {@code gen_ai.system} attribute, with the same value as
   * {@code gen_ai.provider.name}, for backends that only know conventions of v1.36 or older. Off by default.
   *
   * @param value true to also write {@code gen_ai.system}
   * @return this
   */
  public OtelTelemetryBuilder emitLegacySystemAttribute(boolean value) {
    this.emitLegacySystemAttribute = value;
    return this;
  }

  /**
   * Builds the listener.
   *
   * @return the listener
   */
  public OtelTelemetry build() {
    return new OtelTelemetry(openTelemetry, captureMessageContent, emitLegacySystemAttribute);
  }
}
