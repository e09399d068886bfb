package dev.ailib.testkit.spec;

import java.io.PrintStream;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit condition behind {@link RequiresSpecDirectory}. It decides once, on the annotated element (a class
 * is decided before any of its tests), so a missing directory costs one line, not one per test. When the
 * directory is required and missing it throws, which JUnit reports as a failure of the annotated class.
 */
public final class SpecDirectoryCondition implements ExecutionCondition {
  /** For JUnit. */
  public SpecDirectoryCondition() {
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<AnnotatedElement> element = context.getElement();
    Optional<RequiresSpecDirectory> annotation = element.flatMap(e ->
        AnnotationSupport.findAnnotation(e, RequiresSpecDirectory.class));
    if (annotation.isEmpty()) {
      return ConditionEvaluationResult.enabled("decided on the annotated class");
    }
    return decide(context.getDisplayName(), SpecDirectory.lookup(annotation.get().value()),
        SpecDirectory.required(), System.out);
  }

  /**
   * The decision for one annotated element: enabled when found; else disabled with one line printed to
   * {@code out}; or, when required, an {@link IllegalStateException} naming the element and the problem.
   */
  static ConditionEvaluationResult decide(String name, SpecDirectory.Lookup lookup, boolean required,
      PrintStream out) {
    if (lookup.found()) {
      return ConditionEvaluationResult.enabled("AI-Protocol specification directory " + lookup.directory());
    }
    if (required) {
      throw new IllegalStateException(name + ": " + SpecDirectory.requiredMessage(lookup.problem()));
    }
    String reason = lookup.problem() + "; set " + SpecDirectory.VARIABLE + " or -D" + SpecDirectory.PROPERTY
        + " to run it";
    out.println("SKIPPED " + name + ": " + reason);
    return ConditionEvaluationResult.disabled(reason);
  }
}
