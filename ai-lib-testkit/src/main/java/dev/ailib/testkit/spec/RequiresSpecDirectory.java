package dev.ailib.testkit.spec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class (or method) that reads the AI-Protocol specification directory (see {@link SpecDirectory}).
 * When the directory is missing, the whole class is skipped with one line on standard output naming the class
 * and the reason; with {@code -Dailib.spec.required=true} it fails instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(SpecDirectoryCondition.class)
public @interface RequiresSpecDirectory {
  /** Paths relative to the specification directory that must exist in it, e.g. {@code tests/compliance/cases}. */
  String[] value() default {};
}
