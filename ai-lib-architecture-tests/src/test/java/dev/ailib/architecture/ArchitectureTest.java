package dev.ailib.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the dependency rules of docs/architecture.md against every production class of every module. */
class ArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importProduction() {
    production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.ailib.api", "dev.ailib.core", "dev.ailib.transport", "dev.ailib.protocol",
            "dev.ailib.telemetry", "dev.ailib.testkit", "dev.ailib.examples", "dev.ailib.mcp",
            "dev.ailib.spring");
  }

  @Test
  void importedEveryModule() {
    // guards against a rule passing because nothing was imported
    assertThat(production.containPackage("dev.ailib.api")).isTrue();
    assertThat(production.containPackage("dev.ailib.core.spi.transport")).isTrue();
    assertThat(production.containPackage("dev.ailib.transport.jdk")).isTrue();
    assertThat(production.containPackage("dev.ailib.transport.httpclient5")).isTrue();
    assertThat(production.containPackage("dev.ailib.protocol.yaml")).isTrue();
    assertThat(production.containPackage("dev.ailib.mcp")).isTrue();
    assertThat(production.containPackage("dev.ailib.spring.boot.autoconfigure")).isTrue();
    assertThat(production.stream().map(c -> c.getPackageName()).filter(p -> p.startsWith("dev.ailib.core.internal")))
        .isNotEmpty();
  }

  @Test
  void apiDependsOnJdkOnly() {
    ArchitectureRules.API_DEPENDS_ON_JDK_ONLY.check(production);
  }

  @Test
  void coreIndependentOfAdapters() {
    ArchitectureRules.CORE_INDEPENDENT_OF_ADAPTERS.check(production);
  }

  @Test
  void adaptersUseOnlyCoreSpi() {
    ArchitectureRules.ADAPTERS_USE_ONLY_CORE_SPI.check(production);
  }

  @Test
  void adaptersIndependentOfEachOther() {
    ArchitectureRules.ADAPTERS_INDEPENDENT.check(production);
  }

  @Test
  void noForeignInternals() {
    ArchitectureRules.NO_FOREIGN_INTERNALS.check(production);
    ArchitectureRules.API_INTERNAL_ONLY_FROM_API.check(production);
  }

  @Test
  void mcpSdkStaysInItsModule() {
    ArchitectureRules.MCP_SDK_ONLY_IN_MCP.check(production);
    ArchitectureRules.MCP_USES_API_NOT_CORE.check(production);
  }

  @Test
  void spiIndependentOfEngine() {
    ArchitectureRules.SPI_INDEPENDENT_OF_ENGINE.check(production);
  }

  @Test
  void spiExposesNoJackson() {
    ArchitectureRules.SPI_EXPOSES_NO_JACKSON.check(production);
  }
}
