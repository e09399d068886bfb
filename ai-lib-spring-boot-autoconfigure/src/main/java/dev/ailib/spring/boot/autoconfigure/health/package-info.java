/** The optional {@code ailib} health indicator, for Spring Boot 3's and Spring Boot 4's health APIs. */
package dev.ailib.spring.boot.autoconfigure.health;
