/** An example Spring Boot application on ai-lib-spring-boot-starter. */
package dev.ailib.example.spring;
