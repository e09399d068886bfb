package dev.ailib.core.internal.structured;

import dev.ailib.api.StructuredOutputMode;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.CapabilitiesSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.StructuredOutputSpec;
import dev.ailib.core.spi.manifest.WireStyle;

/**
 * Which mechanism a typed answer uses with a provider: the one place this is decided, from the manifest only.
 *
 * <p>What a manifest offers:
 * <ul>
 *   <li><b>enforced schema</b>: {@code capabilities.structured_output.json_schema_mode: true}; without that
 *   declaration, an OpenAI-style or Gemini-style manifest that declares the {@code structured_output} capability or
 *   feature flag. An Anthropic-style manifest must declare {@code json_schema_mode} explicitly (its native
 *   {@code output_config.format} is newer than the capability name and limited to some models).</li>
 *   <li><b>JSON mode</b>: {@code structured_output.json_mode: true}; without the declaration, an OpenAI-style
 *   manifest with the {@code structured_output} capability or a {@code response_format} parameter, or a
 *   Gemini-style manifest with the capability. The Anthropic style has none.</li>
 *   <li><b>forced tool call</b>: any manifest that declares {@code tools} (or declares no capabilities).</li>
 * </ul>
 * The choice: the enforced schema when offered; else, for the Anthropic style, the forced tool call (its usual way
 * to get an object); else JSON mode plus the schema in a system message; else the schema in a system message.
 * A mode the caller asks for is used when the manifest offers it, and is an error (E1005, before any request)
 * when it does not.
 */
public final class StructuredModes {
  private StructuredModes() {
  }

  /**
   * The mode for a provider.
   *
   * @param manifest the provider's manifest
   * @param requested the mode the caller asked for, or null
   * @return the mode
   * @throws ProtocolException (E1005) when the requested mode is not offered
   */
  public static StructuredOutputMode choose(ProviderManifest manifest, StructuredOutputMode requested) {
    if (requested != null) {
      if (!offers(manifest, requested)) {
        throw new ProtocolException(StandardErrorCode.REQUEST_TOO_LARGE, "provider '" + manifest.id() + "' does not "
            + "offer structured output mode " + requested + " (" + why(manifest, requested) + "; manifest "
            + manifest.source() + "); offered: " + offered(manifest) + "; the request was not sent", null, null);
      }
      return requested;
    }
    if (enforcedSchema(manifest)) {
      return StructuredOutputMode.JSON_SCHEMA;
    }
    if (manifest.wireStyle() == WireStyle.ANTHROPIC_MESSAGES && toolCalls(manifest)) {
      return StructuredOutputMode.TOOL_CALL;
    }
    if (jsonMode(manifest)) {
      return StructuredOutputMode.JSON_MODE;
    }
    return StructuredOutputMode.PROMPT;
  }

  /**
   * Whether the provider enforces a JSON schema on answers (see the class comment).
   *
   * @param m the manifest
   * @return true when offered
   */
  public static boolean enforcedSchema(ProviderManifest m) {
    StructuredOutputSpec spec = m.capabilities().structuredOutput();
    if (spec != null) {
      return spec.jsonSchemaMode() && m.wireStyle() != WireStyle.UNSUPPORTED;
    }
    return (m.wireStyle() == WireStyle.OPENAI_CHAT || m.wireStyle() == WireStyle.OPENAI_RESPONSES
        || m.wireStyle() == WireStyle.GEMINI_GENERATE_CONTENT) && declaresStructuredOutput(m);
  }

  /**
   * Whether the provider has a JSON mode (see the class comment).
   *
   * @param m the manifest
   * @return true when offered
   */
  public static boolean jsonMode(ProviderManifest m) {
    if (m.wireStyle() == WireStyle.ANTHROPIC_MESSAGES || m.wireStyle() == WireStyle.UNSUPPORTED) {
      return false;
    }
    StructuredOutputSpec spec = m.capabilities().structuredOutput();
    if (spec != null) {
      return spec.jsonMode();
    }
    if (m.wireStyle() == WireStyle.OPENAI_CHAT) {
      return declaresStructuredOutput(m) || m.parameters().containsKey("response_format");
    }
    // the Responses API's text.format json_object: as for Gemini, the capability says it
    return declaresStructuredOutput(m);
  }

  /**
   * Whether the provider takes tool calls, so a forced one can carry the answer.
   *
   * @param m the manifest
   * @return true when offered
   */
  public static boolean toolCalls(ProviderManifest m) {
    CapabilitiesSpec caps = m.capabilities();
    return (caps.required().isEmpty() && caps.optional().isEmpty()) || caps.declares("tools");
  }

  /**
   * The Gemini-style field that takes the schema: {@code responseJsonSchema} unless the manifest says
   * {@code responseSchema}.
   *
   * @param m the manifest
   * @return the field name
   */
  public static String geminiSchemaField(ProviderManifest m) {
    StructuredOutputSpec spec = m.capabilities().structuredOutput();
    return spec != null && "responseSchema".equals(spec.responseFormatField()) ? "responseSchema"
        : "responseJsonSchema";
  }

  private static boolean declaresStructuredOutput(ProviderManifest m) {
    return m.capabilities().declares("structured_output")
        || Boolean.TRUE.equals(m.capabilities().featureFlags().get("structured_output"));
  }

  private static boolean offers(ProviderManifest m, StructuredOutputMode mode) {
    return switch (mode) {
      case JSON_SCHEMA -> enforcedSchema(m);
      case TOOL_CALL -> toolCalls(m);
      case JSON_MODE -> jsonMode(m);
      case PROMPT -> true;
    };
  }

  private static String why(ProviderManifest m, StructuredOutputMode mode) {
    return switch (mode) {
      case JSON_SCHEMA -> m.wireStyle() == WireStyle.ANTHROPIC_MESSAGES
          ? "the manifest does not declare capabilities.structured_output.json_schema_mode: true"
          : "the manifest declares neither capabilities.structured_output.json_schema_mode nor the "
              + "structured_output capability";
      case TOOL_CALL -> "the manifest does not declare the tools capability";
      case JSON_MODE -> m.wireStyle() == WireStyle.ANTHROPIC_MESSAGES ? "the messages wire format has no JSON mode"
          : "the manifest declares no JSON mode (capabilities.structured_output.json_mode)";
      case PROMPT -> "";
    };
  }

  private static String offered(ProviderManifest m) {
    StringBuilder b = new StringBuilder("[");
    for (StructuredOutputMode mode : StructuredOutputMode.values()) {
      if (offers(m, mode)) {
        b.append(b.length() > 1 ? ", " : "").append(mode);
      }
    }
    return b.append(']').toString();
  }
}
