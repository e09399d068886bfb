/**
 * Spring Boot auto-configuration for ai-lib. Spring Boot, Micrometer, OpenTelemetry and Actuator are automatic
 * modules; all but Boot's core are optional.
 */
module dev.ailib.spring.boot.autoconfigure {
  requires transitive dev.ailib.core;
  requires transitive spring.boot;
  requires transitive spring.boot.autoconfigure;
  requires transitive spring.beans;
  requires transitive spring.context;
  requires spring.core;
  requires static dev.ailib.telemetry.otel;
  requires static io.opentelemetry.api;
  requires static micrometer.observation;
  requires static micrometer.commons;
  requires static micrometer.core;
  requires static spring.boot.actuator;
  requires static spring.boot.health;

  exports dev.ailib.spring.boot.autoconfigure;
  exports dev.ailib.spring.boot.autoconfigure.health;
  exports dev.ailib.spring.boot.autoconfigure.observation;

  // Spring reads the configuration and properties classes reflectively
  opens dev.ailib.spring.boot.autoconfigure to spring.core, spring.beans, spring.context;
}
