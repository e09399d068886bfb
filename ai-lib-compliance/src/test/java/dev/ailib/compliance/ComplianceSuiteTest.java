package dev.ailib.compliance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.testkit.spec.RequiresSpecDirectory;
import dev.ailib.testkit.spec.SpecDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * The AI-Protocol compliance suite: one dynamic test per case ({@code <file>#<id>}), run through production code.
 * Cases whose production code is not there yet are skipped with the reason. Prints one summary line and writes
 * {@code target/compliance-report.json}. Reads the cases from the specification directory ({@code AI_PROTOCOL_DIR}, see
 * {@link SpecDirectory}); without it the class is skipped with one line, or fails with
 * {@code -Dailib.spec.required=true}.
 */
@RequiresSpecDirectory(ComplianceSuiteTest.CASES)
class ComplianceSuiteTest {
  private record Result(String file, String id, String status, String reason) {
  }

  /** Where the cases are, relative to the specification directory. */
  static final String CASES = "tests/compliance/cases";

  private static final ConcurrentLinkedQueue<Result> RESULTS = new ConcurrentLinkedQueue<>();

  /**
   * Cases whose data in this copy of the specification contradicts itself (the case expects a newer upstream
   * fixture than the one here; see NOTES.md). They still run: a pass counts as passed, a failure is reported as
   * skipped with this reason and the failure text, never hidden.
   */
  private static final Map<String, String> DATA_GAPS = Map.of(
      "08-generative-capabilities/generative-capabilities.yaml#gen-001",
      "data gap: the case expects capabilities (text, reasoning, structured_output, feature_flags) that "
          + "fixtures/providers/mock-openai.yaml here does not declare (it lists chat, streaming, tools, vision, "
          + "parallel_tools, mcp_client)",
      "05-request-building/parameter-mapping.yaml#req-003",
      "policy decision (docs/protocol.md, Parameters): the case expects the manifest's default of an optional "
          + "parameter the caller did not set (temperature 1.0) in the request; the library sends the parameters the "
          + "caller set and the defaults of required ones only: a default is the provider's own, and sending it can "
          + "break a call (published manifests default reasoning_effort, which OpenAI refuses for gpt-4o)");

  @TestFactory
  Stream<DynamicTest> compliance() throws IOException {
    List<ComplianceCase> cases = CaseHandlers.readCases(SpecDirectory.require(CASES));
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.displayName(), c.caseFile().toUri(), () -> {
      try {
        Outcome o = CaseHandlers.run(c);
        Expectations.check(c, o);
        RESULTS.add(new Result(c.file(), c.id(), "passed", null));
      } catch (TestAbortedException e) {
        RESULTS.add(new Result(c.file(), c.id(), "skipped", e.getMessage()));
        throw e;
      } catch (AssertionError t) {
        String gap = DATA_GAPS.get(c.displayName());
        if (gap != null) {
          RESULTS.add(new Result(c.file(), c.id(), "skipped", gap));
          throw new TestAbortedException(gap + "; library answer: " + t.getMessage(), t);
        }
        RESULTS.add(new Result(c.file(), c.id(), "failed", String.valueOf(t.getMessage()).lines().findFirst()
            .orElse(t.toString())));
        throw t;
      } catch (Throwable t) {
        RESULTS.add(new Result(c.file(), c.id(), "failed", String.valueOf(t.getMessage()).lines().findFirst()
            .orElse(t.toString())));
        throw t;
      }
    }));
  }

  @AfterAll
  static void report() throws IOException {
    if (RESULTS.isEmpty()) {
      return;
    }
    long passed = RESULTS.stream().filter(r -> r.status().equals("passed")).count();
    long failed = RESULTS.stream().filter(r -> r.status().equals("failed")).count();
    long skipped = RESULTS.stream().filter(r -> r.status().equals("skipped")).count();
    ObjectNode root = CaseHandlers.JSON.createObjectNode();
    root.put("passed", passed).put("failed", failed).put("skipped", skipped);
    Map<String, Long> skipReasons = new TreeMap<>();
    ArrayNode cases = root.putArray("cases");
    for (Result r : RESULTS) {
      ObjectNode n = cases.addObject().put("file", r.file()).put("id", r.id()).put("status", r.status());
      if (r.reason() != null) {
        n.put("reason", r.reason());
      }
      if (r.status().equals("skipped")) {
        skipReasons.merge(r.reason(), 1L, Long::sum);
      }
    }
    Path target = Path.of("target");
    Files.createDirectories(target);
    CaseHandlers.JSON.writerWithDefaultPrettyPrinter().writeValue(target.resolve("compliance-report.json").toFile(),
        root);
    skipReasons.forEach((reason, n) -> System.out.println("compliance skipped " + n + ": " + reason));
    RESULTS.stream().filter(r -> r.status().equals("failed"))
        .forEach(r -> System.out.println("compliance FAILED " + r.file() + "#" + r.id() + ": " + r.reason()));
    System.out.println("compliance: " + passed + " passed, " + failed + " failed, " + skipped + " skipped");
    // issue 4's bar: at most 10% of the suite skipped; more means handlers regressed into "not supported"
    if (skipped * 10 > RESULTS.size()) {
      throw new AssertionError("compliance: " + skipped + " of " + RESULTS.size()
          + " cases skipped, more than the 10% allowed; see target/compliance-report.json for the reasons");
    }
  }
}
