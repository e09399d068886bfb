package dev.ailib.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tells the model what a type, record component or field means. Goes into the JSON schema generated from a Java
 * type (the {@code description} of the type or property) for typed answers ({@link ChatRequestBuilder#executeAs})
 * and tool arguments ({@link ToolDefinition#from(Class)}). Jackson's {@code @JsonPropertyDescription} and
 * {@code @JsonClassDescription} are read too.
 *
 * <pre>{@code
 * @Description("A person mentioned in the text")
 * record Person(@Description("full name, as written") String name, int age) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.PARAMETER})
public @interface Description {
  /**
   * The description, for the model.
   *
   * @return the text
   */
  String value();
}
