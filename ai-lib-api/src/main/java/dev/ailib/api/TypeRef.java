package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;

/**
 * A Java type with its generic arguments, for typed answers and tool arguments whose type a {@link Class} cannot
 * name ({@code List<Person>}, {@code Map<String, Score>}). Capture one with an anonymous subclass:
 *
 * <pre>{@code
 * StructuredResult<List<Person>> r = client.chat().user("Who is mentioned?").executeAs(new TypeRef<List<Person>>() {});
 * }</pre>
 *
 * @param <T> the type
 */
public abstract class TypeRef<T> {
  private final Type type;

  /** Captures the type argument of the anonymous subclass. */
  protected TypeRef() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType p) || p.getRawType() != TypeRef.class) {
      throw new IllegalStateException("create a TypeRef as an anonymous subclass with its type argument, such as "
          + "new TypeRef<List<Person>>() {}");
    }
    this.type = checked(p.getActualTypeArguments()[0]);
  }

  TypeRef(Type type, boolean given) {
    this.type = checked(Checks.notNull(type, "type"));
  }

  private static Type checked(Type type) {
    if (type instanceof TypeVariable<?> v) {
      throw new IllegalArgumentException("a TypeRef needs a concrete type, not the type variable " + v.getName()
          + "; capture it where the type is known, such as new TypeRef<List<Person>>() {}");
    }
    return type;
  }

  /**
   * The type of a class.
   *
   * @param type the class
   * @param <T> the type
   * @return the reference
   */
  public static <T> TypeRef<T> of(Class<T> type) {
    return new Given<>(type);
  }

  /**
   * A reference to any reflected type (such as a method's generic parameter type).
   *
   * @param type the type
   * @param <T> the type the caller expects
   * @return the reference
   */
  public static <T> TypeRef<T> ofType(Type type) {
    return new Given<>(type);
  }

  /** The type, with its generic arguments. */
  public final Type type() {
    return type;
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof TypeRef<?> other && other.type.equals(type);
  }

  @Override
  public final int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return "TypeRef[" + type.getTypeName() + "]";
  }

  /** A reference made from a given type rather than captured from a subclass. */
  private static final class Given<T> extends TypeRef<T> {
    Given(Type type) {
      super(type, true);
    }
  }
}
