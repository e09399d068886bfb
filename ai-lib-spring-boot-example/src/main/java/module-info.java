/** An example Spring Boot application on ai-lib-spring-boot-starter (Spring's jars are automatic modules). */
module dev.ailib.example.spring {
  requires dev.ailib.spring.boot.autoconfigure;
  requires dev.ailib.testkit;
  requires spring.web;

  opens dev.ailib.example.spring to spring.core, spring.beans, spring.context, spring.web, com.fasterxml.jackson.databind;
}
