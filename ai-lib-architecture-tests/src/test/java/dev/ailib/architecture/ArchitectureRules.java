package dev.ailib.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The module boundaries of docs/architecture.md as ArchUnit rules. {@link ArchitectureTest} checks them against the
 * production classes; {@link RulesCanFailTest} proves each can fail on a deliberately violating fixture.
 */
final class ArchitectureRules {
  private ArchitectureRules() {
  }

  /** The adapter modules' root packages. */
  static final String[] ADAPTERS = {
      "dev.ailib.transport.jdk..", "dev.ailib.transport.httpclient5..", "dev.ailib.protocol.yaml..",
      "dev.ailib.telemetry.otel..", "dev.ailib.mcp.."};

  /** ai-lib-api depends on the JDK only. */
  static final ArchRule API_DEPENDS_ON_JDK_ONLY = noClasses().that().resideInAPackage("dev.ailib.api..")
      .should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax..", "dev.ailib.api..")
      .as("ai-lib-api depends on the JDK only");

  /** Core never depends on an adapter or on HttpClient 5, OpenTelemetry or YAML. */
  static final ArchRule CORE_INDEPENDENT_OF_ADAPTERS = noClasses().that().resideInAPackage("dev.ailib.core..")
      .should().dependOnClassesThat().resideInAnyPackage(concat(ADAPTERS, "org.apache.hc..", "io.opentelemetry..",
          "com.fasterxml.jackson.dataformat.yaml..", "org.yaml.."))
      .as("ai-lib-core never depends on an adapter, HttpClient 5, OpenTelemetry or YAML");

  /**
   * The MCP SDK and Reactor stay in ai-lib-mcp: no other module depends on them (the examples may, to run a demo MCP
   * server).
   */
  static final ArchRule MCP_SDK_ONLY_IN_MCP = noClasses().that().resideInAPackage("dev.ailib..")
      .and().resideOutsideOfPackages("dev.ailib.mcp..", "dev.ailib.examples..")
      .should().dependOnClassesThat().resideInAnyPackage("io.modelcontextprotocol..", "reactor..",
          "org.reactivestreams..")
      .as("only ai-lib-mcp depends on the MCP SDK and Reactor");

  /** ai-lib-mcp is built on the api alone: nothing of core, not even its spi. */
  static final ArchRule MCP_USES_API_NOT_CORE = noClasses().that().resideInAPackage("dev.ailib.mcp..")
      .should().dependOnClassesThat().resideInAPackage("dev.ailib.core..")
      .as("ai-lib-mcp depends on the api, never on ai-lib-core");

  /** Adapters use only core's SPI packages (plus the API), never the engine's internals. */
  static final ArchRule ADAPTERS_USE_ONLY_CORE_SPI = noClasses().that().resideInAnyPackage(ADAPTERS)
      .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
          "are in ai-lib-core outside its spi packages",
          c -> c.getPackageName().startsWith("dev.ailib.core")
              && !(c.getPackageName().equals("dev.ailib.core.spi") || c.getPackageName().startsWith("dev.ailib.core.spi."))))
      .as("adapters depend only on core's spi packages and the api");

  /** Adapters never depend on each other. */
  static final ArchRule ADAPTERS_INDEPENDENT = noClasses().that().resideInAnyPackage(ADAPTERS)
      .should(new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaClass>(
          "depend on another adapter") {
        @Override
        public void check(com.tngtech.archunit.core.domain.JavaClass item,
            com.tngtech.archunit.lang.ConditionEvents events) {
          String own = adapterRoot(item.getPackageName());
          for (com.tngtech.archunit.core.domain.Dependency d : item.getDirectDependenciesFromSelf()) {
            String other = adapterRoot(d.getTargetClass().getPackageName());
            if (other != null && !other.equals(own)) {
              events.add(com.tngtech.archunit.lang.SimpleConditionEvent.satisfied(d, d.getDescription()));
            }
          }
        }
      })
      .as("adapters never depend on each other");

  /** No module uses core's internal packages. */
  static final ArchRule NO_FOREIGN_INTERNALS = noClasses().that().resideOutsideOfPackage("dev.ailib.core..")
      .should().dependOnClassesThat().resideInAPackage("dev.ailib.core.internal..")
      .as("no module uses ai-lib-core's internal packages");

  /** API internals are used by the API only. */
  static final ArchRule API_INTERNAL_ONLY_FROM_API = noClasses().that().resideOutsideOfPackage("dev.ailib.api..")
      .should().dependOnClassesThat().resideInAPackage("dev.ailib.api.internal..")
      .as("dev.ailib.api.internal is used by ai-lib-api only");

  private static String adapterRoot(String pkg) {
    for (String a : ADAPTERS) {
      String root = a.substring(0, a.length() - 2);
      if (pkg.equals(root) || pkg.startsWith(root + ".")) {
        return root;
      }
    }
    return null;
  }

  /** SPI packages never reach into the engine. */
  static final ArchRule SPI_INDEPENDENT_OF_ENGINE = noClasses().that().resideInAPackage("dev.ailib.core.spi..")
      .should().dependOnClassesThat().resideInAPackage("dev.ailib.core.internal..")
      .as("core's spi packages never depend on core's internals");

  /**
   * The exported SPI packages name JDK and API types only in their public and protected signatures (supertypes,
   * fields, constructors, methods, generic arguments included), so plugins need no Jackson and core's
   * {@code module-info} need not {@code requires transitive} it.
   */
  static final ArchRule SPI_EXPOSES_NO_JACKSON = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
      .that().resideInAPackage("dev.ailib.core.spi..").and().arePublic()
      .should(new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaClass>(
          "expose no Jackson type in a public or protected signature") {
        @Override
        public void check(com.tngtech.archunit.core.domain.JavaClass item,
            com.tngtech.archunit.lang.ConditionEvents events) {
          java.util.List<com.tngtech.archunit.core.domain.JavaType> supertypes = new java.util.ArrayList<>(
              item.getInterfaces());
          item.getSuperclass().ifPresent(supertypes::add);
          for (com.tngtech.archunit.core.domain.JavaType t : supertypes) {
            report(item, "extends " + t.getName(), t.getAllInvolvedRawTypes(), events);
          }
          for (com.tngtech.archunit.core.domain.JavaMember m : item.getMembers()) {
            java.util.Set<com.tngtech.archunit.core.domain.JavaModifier> mods = m.getModifiers();
            if (!mods.contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                && !mods.contains(com.tngtech.archunit.core.domain.JavaModifier.PROTECTED)) {
              continue;
            }
            java.util.Set<com.tngtech.archunit.core.domain.JavaClass> types =
                m instanceof com.tngtech.archunit.core.domain.JavaCodeUnit code ? code.getAllInvolvedRawTypes()
                    : ((com.tngtech.archunit.core.domain.JavaField) m).getType().getAllInvolvedRawTypes();
            report(item, m.getFullName(), types, events);
          }
        }

        private void report(com.tngtech.archunit.core.domain.JavaClass item, String where,
            java.util.Set<com.tngtech.archunit.core.domain.JavaClass> types,
            com.tngtech.archunit.lang.ConditionEvents events) {
          for (com.tngtech.archunit.core.domain.JavaClass t : types) {
            if (t.getPackageName().startsWith("com.fasterxml.jackson")) {
              events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(item,
                  where + " exposes " + t.getName()));
            }
          }
        }
      })
      .as("exported SPI packages expose no Jackson type in public signatures");

  private static String[] concat(String[] a, String... b) {
    String[] r = new String[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
