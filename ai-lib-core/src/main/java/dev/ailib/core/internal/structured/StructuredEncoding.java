package dev.ailib.core.internal.structured;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.Message;
import dev.ailib.api.OutputSchema;
import dev.ailib.api.ResponseFormat;
import dev.ailib.api.StructuredOutputMode;
import dev.ailib.api.ToolChoice;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request that carries an {@link OutputSchema} into the plain request the target's codec encodes, by the
 * mode {@link StructuredModes} picks for the target's manifest (each target of a fallback chain gets its own):
 * <ul>
 *   <li>{@link StructuredOutputMode#JSON_SCHEMA}: a strict {@link ResponseFormat#strictJsonSchema} format, which
 *   each codec writes in its wire format's field;</li>
 *   <li>{@link StructuredOutputMode#TOOL_CALL}: a tool named like the schema, whose input schema is the answer's,
 *   and a tool choice forcing it;</li>
 *   <li>{@link StructuredOutputMode#JSON_MODE}: JSON mode ({@link ResponseFormat#jsonObject()}) and the schema in a
 *   system message;</li>
 *   <li>{@link StructuredOutputMode#PROMPT}: the schema in a system message.</li>
 * </ul>
 * The schema is checked against the mechanism's subset first ({@link StrictSubset}). Requests without an output
 * schema pass unchanged.
 */
public final class StructuredEncoding {
  private static final int MAX_CHECKED = 512;
  private static final java.util.Set<String> CHECKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private StructuredEncoding() {
  }

  /**
   * The request to encode for a target.
   *
   * @param request the caller's request
   * @param manifest the target's manifest
   * @return the request for the codec
   * @throws ProtocolException when the mode is not offered or the schema breaks the mechanism's rules
   */
  public static ChatRequest adapt(ChatRequest request, ProviderManifest manifest) {
    OutputSchema out = request.outputSchema();
    if (out == null) {
      return request;
    }
    StructuredOutputMode mode = StructuredModes.choose(manifest, out.mode());
    StrictSubset.Profile profile = StrictSubset.profile(mode, manifest);
    if (profile != null && !CHECKED.contains(profile + "\n" + out.schemaJson())) {
      JsonNode schema;
      try {
        schema = Binding.STRICT.readTree(out.schemaJson());
      } catch (JsonProcessingException e) {
        throw new ProtocolException("output schema '" + out.name() + "' is not valid JSON: "
            + e.getOriginalMessage());
      }
      StrictSubset.check(schema, out.name(), mode, manifest);
      if (CHECKED.size() >= MAX_CHECKED) {
        CHECKED.clear();
      }
      CHECKED.add(profile + "\n" + out.schemaJson()); // a schema that kept to a profile once always does
    }
    ChatRequest plain = request.withOutputSchema(null);
    return switch (mode) {
      case JSON_SCHEMA -> plain.withResponseFormat(ResponseFormat.strictJsonSchema(out.name(), out.schemaJson()));
      case TOOL_CALL -> {
        List<ToolDefinition> tools = new ArrayList<>(plain.tools());
        for (ToolDefinition t : tools) {
          if (t.name().equals(out.name())) {
            throw new ProtocolException("the request has a tool named '" + out.name() + "', the name of its output "
                + "schema, which structured output mode TOOL_CALL gives its answer tool; choose another schema name "
                + "(StructuredOptions.withSchemaName)");
          }
        }
        tools.add(new ToolDefinition(out.name(), toolDescription(out), out.schemaJson()));
        yield plain.withTools(tools, ToolChoice.tool(out.name())).withResponseFormat(null);
      }
      case JSON_MODE -> instructed(plain, out).withResponseFormat(ResponseFormat.jsonObject());
      case PROMPT -> instructed(plain, out).withResponseFormat(null);
    };
  }

  private static String toolDescription(OutputSchema out) {
    String what = out.description() == null ? "" : " " + out.description();
    return "Give your answer by calling this tool: its input is the answer." + what;
  }

  /** Puts the schema in a system message ahead of the conversation. */
  private static ChatRequest instructed(ChatRequest r, OutputSchema out) {
    List<Message> messages = new ArrayList<>(r.messages().size() + 1);
    messages.add(Message.system(instruction(out)));
    messages.addAll(r.messages());
    return r.withMessages(messages);
  }

  static String instruction(OutputSchema out) {
    return "Answer with one JSON value that matches the JSON schema below, and nothing else: no prose before or "
        + "after it, no Markdown code fence."
        + (out.description() == null ? "" : " The value is: " + out.description() + ".")
        + "\nJSON schema of '" + out.name() + "':\n" + out.schemaJson();
  }
}
