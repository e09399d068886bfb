package dev.ailib.api;

import dev.ailib.api.error.StructuredOutputException;
import dev.ailib.api.internal.Binding;
import dev.ailib.api.internal.Checks;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A {@link ToolSet} of local Java handlers, for the tool runner ({@link ChatRequestBuilder#runTools}). Each tool's
 * arguments are a Java type (usually a record) whose schema is generated ({@link ToolDefinition#from(Class)}); a
 * call's arguments are checked against it and bound before the handler runs. What a handler returns is sent to
 * the model: a {@link String} as it is, a {@link ContentBlock.ToolResult} as it is (to report an error yourself),
 * anything else as JSON.
 *
 * <pre>{@code
 * record WeatherQuery(@Description("city name") String city) {}
 * ToolSet tools = Tools.builder()
 *     .add("get_weather", "Current weather in a city", WeatherQuery.class, q -> weather.lookup(q.city()))
 *     .build();
 * }</pre>
 *
 * <p>Failures are results the model can read, never exceptions: arguments that do not match the schema (the
 * message names the field), a handler that throws (its exception's class and message). Immutable and thread-safe
 * when the handlers are.
 */
public final class Tools implements ToolSet {
  private final List<ToolDefinition> definitions;
  private final Map<String, BiFunction<ToolCall, CancelToken, Object>> handlers;

  private Tools(List<ToolDefinition> definitions, Map<String, BiFunction<ToolCall, CancelToken, Object>> handlers) {
    this.definitions = List.copyOf(definitions);
    this.handlers = Map.copyOf(handlers);
  }

  /** A builder with no tools. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<ToolDefinition> definitions() {
    return definitions;
  }

  @Override
  public ContentBlock.ToolResult call(ToolCall call, CancelToken cancel) {
    Checks.notNull(call, "call");
    Checks.notNull(cancel, "cancel");
    BiFunction<ToolCall, CancelToken, Object> handler = handlers.get(call.name());
    if (handler == null) {
      throw new IllegalArgumentException("this tool set has no tool '" + call.name() + "'; it has "
          + handlers.keySet());
    }
    String id = call.id() == null ? "" : call.id();
    Object out;
    try {
      out = handler.apply(call, cancel);
    } catch (StructuredOutputException e) {
      return new ContentBlock.ToolResult(id, "invalid arguments for tool '" + call.name() + "': "
          + e.path().map(p -> p + ": ").orElse("") + e.problem() + "; call it again with arguments that match its "
          + "schema", true);
    } catch (RuntimeException e) {
      return new ContentBlock.ToolResult(id, "tool '" + call.name() + "' failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), true);
    }
    if (out instanceof ContentBlock.ToolResult r) {
      return r.toolCallId().equals(id) ? r : new ContentBlock.ToolResult(id, r.content(), r.isError());
    }
    if (out instanceof String s) {
      return new ContentBlock.ToolResult(id, s, false);
    }
    return new ContentBlock.ToolResult(id, Binding.binder().write(out), false);
  }

  @Override
  public String toString() {
    return "Tools" + handlers.keySet();
  }

  /** Collects tools; {@link #build()} makes the set. Not thread-safe. */
  public static final class Builder {
    private final List<ToolDefinition> definitions = new ArrayList<>();
    private final Map<String, BiFunction<ToolCall, CancelToken, Object>> handlers = new LinkedHashMap<>();

    private Builder() {
    }

    /**
     * Adds a tool whose name and description come from its arguments' type ({@link ToolDefinition#from(Class)}).
     *
     * @param argumentsType the arguments' type
     * @param handler runs the tool
     * @param <A> the arguments' type
     * @return this
     */
    public <A> Builder add(Class<A> argumentsType, Function<? super A, ?> handler) {
      return add(ToolDefinition.from(argumentsType), argumentsType, handler);
    }

    /**
     * Adds a tool.
     *
     * @param name the tool name
     * @param description what it does, for the model
     * @param argumentsType the arguments' type
     * @param handler runs the tool
     * @param <A> the arguments' type
     * @return this
     */
    public <A> Builder add(String name, String description, Class<A> argumentsType, Function<? super A, ?> handler) {
      return add(ToolDefinition.from(name, description, argumentsType), argumentsType, handler);
    }

    /**
     * Adds a tool whose arguments are a generic type.
     *
     * @param name the tool name
     * @param description what it does, for the model
     * @param argumentsType the arguments' type
     * @param handler runs the tool
     * @param <A> the arguments' type
     * @return this
     */
    public <A> Builder add(String name, String description, TypeRef<A> argumentsType,
        Function<? super A, ?> handler) {
      return add(ToolDefinition.from(name, description, argumentsType.type()), argumentsType.type(), handler);
    }

    private <A> Builder add(ToolDefinition definition, Type argumentsType, Function<? super A, ?> handler) {
      Checks.notNull(handler, "handler");
      return add(definition, (call, cancel) -> {
        @SuppressWarnings("unchecked")
        A args = (A) Binding.binder().read(call.argumentsJson(), argumentsType);
        return handler.apply(args);
      });
    }

    /**
     * Adds a tool given by its definition, with a handler that reads the call itself and may watch for
     * cancellation (the run's cancellation or the tool-call timeout).
     *
     * @param definition the tool as offered to the model
     * @param handler runs a call; may use {@link ToolCall#argumentsAs(Class)}
     * @return this
     */
    public Builder add(ToolDefinition definition, BiFunction<ToolCall, CancelToken, ?> handler) {
      Checks.notNull(definition, "definition");
      Checks.notNull(handler, "handler");
      if (handlers.containsKey(definition.name())) {
        throw new IllegalArgumentException("tool '" + definition.name() + "' is added twice");
      }
      definitions.add(definition);
      handlers.put(definition.name(), handler::apply);
      return this;
    }

    /** The tool set. */
    public Tools build() {
      return new Tools(definitions, handlers);
    }
  }
}
