/**
 * The ai-lib engine and its ports. Adapters implement the {@code dev.ailib.core.spi} packages;
 * everything under {@code dev.ailib.core.internal} is private to this module. The SPI exposes JDK and
 * {@code dev.ailib.api} types only, so Jackson is read here and not passed on to plugins.
 */
module dev.ailib.core {
  requires transitive dev.ailib.api;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires com.fasterxml.classmate;
  requires com.github.victools.jsonschema.generator;
  requires com.github.victools.jsonschema.module.jackson;
  requires com.networknt.schema;
  requires dev.failsafe.core;
  requires jtokkit;
  requires java.logging;

  exports dev.ailib.core.spi;
  exports dev.ailib.core.spi.transport;
  exports dev.ailib.core.spi.protocol;
  exports dev.ailib.core.spi.manifest;
  exports dev.ailib.core.spi.telemetry;

  uses dev.ailib.core.spi.transport.TransportProvider;
  uses dev.ailib.core.spi.protocol.ProtocolSourceProvider;
  uses dev.ailib.core.spi.telemetry.TelemetryProvider;
  uses dev.ailib.core.spi.manifest.ExpressionSyntax;

  provides dev.ailib.api.spi.ClientEngineProvider with dev.ailib.core.internal.engine.DefaultEngineProvider;
  provides dev.ailib.api.spi.JsonBinder with dev.ailib.core.internal.structured.CoreJsonBinder;
  provides dev.ailib.core.spi.manifest.ExpressionSyntax
      with dev.ailib.core.internal.expression.StandardExpressionSyntax;
}
