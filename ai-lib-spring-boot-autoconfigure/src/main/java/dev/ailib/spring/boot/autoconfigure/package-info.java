/**
 * Spring Boot auto-configuration for ai-lib: {@link dev.ailib.spring.boot.autoconfigure.AiLibAutoConfiguration}
 * creates an {@code AiClient} bean from {@code ailib.*} properties ({@link
 * dev.ailib.spring.boot.autoconfigure.AiLibProperties}), named clients ({@link
 * dev.ailib.spring.boot.autoconfigure.AiClients}) and a factory for more ({@link
 * dev.ailib.spring.boot.autoconfigure.AiClientFactory}).
 */
package dev.ailib.spring.boot.autoconfigure;
