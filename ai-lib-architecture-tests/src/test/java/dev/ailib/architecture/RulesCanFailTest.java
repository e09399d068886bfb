package dev.ailib.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.ailib.api.fixture.UsesJackson;
import dev.ailib.api.fixture.UsesReactor;
import dev.ailib.core.fixture.UsesMcpSdk;
import dev.ailib.core.fixture.UsesOpenTelemetry;
import dev.ailib.core.spi.fixture.SpiExposesJackson;
import dev.ailib.core.spi.fixture.SpiUsesEngine;
import dev.ailib.core.spi.fixture.SpiUsesJacksonInside;
import dev.ailib.testkit.fixture.UsesApiInternal;
import dev.ailib.testkit.fixture.UsesCoreInternal;
import dev.ailib.transport.jdk.fixture.UsesEngineInternals;
import dev.ailib.transport.jdk.fixture.UsesYamlAdapter;
import org.junit.jupiter.api.Test;

/** Proves each architecture rule can fail: each checks a violating fixture and must report it. */
class RulesCanFailTest {

  private static void assertViolation(ArchRule rule, Class<?> fixture, String expectedTarget) {
    JavaClasses classes = new ClassFileImporter().importClasses(fixture);
    assertThatThrownBy(() -> rule.check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Architecture Violation")
        .hasMessageContaining(fixture.getName())
        .hasMessageContaining(expectedTarget);
  }

  @Test
  void apiRuleCatchesThirdPartyDependency() {
    assertViolation(ArchitectureRules.API_DEPENDS_ON_JDK_ONLY, UsesJackson.class, "com.fasterxml.jackson");
  }

  @Test
  void coreRuleCatchesOpenTelemetry() {
    assertViolation(ArchitectureRules.CORE_INDEPENDENT_OF_ADAPTERS, UsesOpenTelemetry.class, "io.opentelemetry");
  }

  @Test
  void adapterRuleCatchesNonSpiCoreClass() {
    assertViolation(ArchitectureRules.ADAPTERS_USE_ONLY_CORE_SPI, UsesEngineInternals.class,
        "dev.ailib.core.internal.engine.DefaultEngineProvider");
  }

  @Test
  void adapterRuleCatchesAdapterToAdapterDependency() {
    assertViolation(ArchitectureRules.ADAPTERS_INDEPENDENT, UsesYamlAdapter.class, "dev.ailib.protocol.yaml");
  }

  @Test
  void internalRuleCatchesCoreInternalUse() {
    assertViolation(ArchitectureRules.NO_FOREIGN_INTERNALS, UsesCoreInternal.class, "dev.ailib.core.internal");
  }

  @Test
  void internalRuleCatchesApiInternalUse() {
    assertViolation(ArchitectureRules.API_INTERNAL_ONLY_FROM_API, UsesApiInternal.class, "dev.ailib.api.internal");
  }

  @Test
  void mcpSdkRuleCatchesCoreUsingTheSdk() {
    assertViolation(ArchitectureRules.MCP_SDK_ONLY_IN_MCP, UsesMcpSdk.class, "io.modelcontextprotocol");
  }

  @Test
  void mcpSdkRuleCatchesApiUsingReactor() {
    assertViolation(ArchitectureRules.MCP_SDK_ONLY_IN_MCP, UsesReactor.class, "reactor.core");
  }

  @Test
  void mcpRuleCatchesCoreUse() {
    assertViolation(ArchitectureRules.MCP_USES_API_NOT_CORE, dev.ailib.mcp.fixture.UsesCoreSpi.class,
        "dev.ailib.core.spi");
  }

  @Test
  void jacksonRuleCatchesJacksonInAReturnType() {
    assertViolation(ArchitectureRules.SPI_EXPOSES_NO_JACKSON, SpiExposesJackson.class,
        "com.fasterxml.jackson.databind.JsonNode");
  }

  @Test
  void jacksonRuleCatchesJacksonAsAGenericArgument() {
    assertViolation(ArchitectureRules.SPI_EXPOSES_NO_JACKSON, SpiExposesJackson.Generic.class,
        "com.fasterxml.jackson.databind.node.ObjectNode");
  }

  @Test
  void jacksonRuleAllowsJacksonOutsidePublicSignatures() {
    ArchitectureRules.SPI_EXPOSES_NO_JACKSON.check(new ClassFileImporter().importClasses(SpiUsesJacksonInside.class));
  }

  @Test
  void spiRuleCatchesEngineUse() {
    assertViolation(ArchitectureRules.SPI_INDEPENDENT_OF_ENGINE, SpiUsesEngine.class, "dev.ailib.core.internal");
  }
}
