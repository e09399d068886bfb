package dev.ailib.core.internal.engine;

import dev.ailib.api.ChatRequest;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.SourceLocation;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.internal.codec.WireParam;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.ParameterSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a request's parameters against the manifest before any network call and maps them to the provider's
 * names. A parameter is found by its protocol name, an alias or its provider name. Declared types and ranges are
 * enforced (and {@code max_tokens} against the model's output limit); a required parameter the caller did not
 * give is sent with the manifest's default. Names the manifest does not know are passed to the codec, which places
 * them or refuses them as its wire format says. Per model, from the manifest's model entry: a sampling parameter
 * the model does not accept ({@code sampling_parameters}) and two parameters of which it takes only one
 * ({@code exclusive_parameters}) are refused before anything is sent.
 */
public final class ParameterChecker {
  /** The sampling parameters a model entry's {@code sampling_parameters} speaks about, by protocol name. */
  static final java.util.Set<String> SAMPLING = java.util.Set.of("temperature", "top_p", "top_k",
      "frequency_penalty", "presence_penalty", "repetition_penalty", "stop", "logprobs", "top_logprobs",
      "logit_bias");

  private ParameterChecker() {
  }

  /**
   * Checks and maps a request's parameters, as the engine does before encoding the body.
   *
   * @param r the request
   * @param manifest the provider's manifest
   * @param model the model's metadata, or null when the manifest does not list it
   * @return the parameters with their provider names, in the order given
   * @throws ProtocolException when a value breaks the manifest's type or range
   */
  public static List<WireParam> check(ChatRequest r, ProviderManifest manifest, ModelSpec model) {
    Map<String, WireParam> out = new LinkedHashMap<>();
    if (r.temperature() != null) {
      add(out, manifest, model, "temperature", r.temperature(), true);
    }
    if (r.maxTokens() != null) {
      add(out, manifest, model, "max_tokens", r.maxTokens(), true);
    }
    if (r.topP() != null) {
      add(out, manifest, model, "top_p", r.topP(), true);
    }
    if (!r.stop().isEmpty()) {
      add(out, manifest, model, "stop", r.stop(), true);
    }
    r.extraParams().forEach((name, value) -> add(out, manifest, model, name, value, false));
    for (ParameterSpec spec : manifest.parameters().values()) {
      if (spec.required() && spec.defaultValue() != null && !out.containsKey(spec.name())
          && !isStreamFlag(spec.name())) {
        out.put(spec.name(), new WireParam(spec.name(), spec.wireName(), spec.defaultValue(), true));
      }
    }
    checkModel(out.values(), manifest, model);
    return new ArrayList<>(out.values());
  }

  /**
   * Checks one parameter of an operation besides chat against the manifest and maps it to the provider's name: a
   * declared parameter is type- and range-checked and gets its {@code provider_name}; an undeclared one is sent as
   * given.
   *
   * @param manifest the provider's manifest
   * @param name the parameter's name, as the caller or the operation gives it (such as {@code top_n})
   * @param value its value
   * @return the parameter with its wire name (null when the manifest does not declare it)
   * @throws ProtocolException when the value breaks the manifest's type or range
   */
  public static WireParam checkOne(ProviderManifest manifest, String name, Object value) {
    ParameterSpec spec = find(manifest, name);
    if (spec == null) {
      return new WireParam(name, null, value, false);
    }
    checkValue(spec, name, value, manifest);
    return new WireParam(spec.name(), spec.wireName(), value, true);
  }

  /** {@code stop_sequences} and {@code stop} are one parameter (manifests use both names). */
  private static String canonical(String name) {
    return name.equals("stop_sequences") ? "stop" : name;
  }

  private static void checkModel(Collection<WireParam> params, ProviderManifest m, ModelSpec model) {
    if (model == null) {
      return;
    }
    for (WireParam p : params) {
      checkAccepted(p.name(), m, model); // a manifest's required default, too
    }
    if (model.exclusiveParameters().isEmpty()) {
      return; // most models: no set of names to build per call
    }
    java.util.Set<String> sent = new java.util.LinkedHashSet<>();
    for (WireParam p : params) {
      sent.add(canonical(p.name()));
    }
    for (List<String> group : model.exclusiveParameters()) {
      List<String> given = new ArrayList<>();
      for (String g : group) {
        if (sent.contains(canonical(g))) {
          given.add(g);
        }
      }
      if (given.size() > 1) {
        throw modelError(m, model, "exclusive_parameters", "parameters " + given + " cannot be sent together to "
            + "model '" + model.id() + "' of provider '" + m.id() + "': it takes only one of " + group + "; the "
            + "request was not sent");
      }
    }
  }

  /**
   * Refuses a sampling parameter the model's {@code sampling_parameters} does not list. Checked before the value's
   * type and range: a model that takes no temperature at all is told as such, not as a temperature out of range.
   */
  private static void checkAccepted(String name, ProviderManifest m, ModelSpec model) {
    if (model == null || model.samplingParameters() == null) {
      return;
    }
    String canonical = canonical(name);
    if (!SAMPLING.contains(canonical)) {
      return;
    }
    java.util.Set<String> accepted = new java.util.TreeSet<>();
    model.samplingParameters().forEach(a -> accepted.add(canonical(a)));
    if (!accepted.contains(canonical)) {
      throw modelError(m, model, "sampling_parameters", "parameter '" + canonical + "' is not accepted by model '"
          + model.id() + "' of provider '" + m.id() + "' (its sampling parameters: " + accepted + "); the request "
          + "was not sent");
    }
  }

  private static ProtocolException modelError(ProviderManifest m, ModelSpec model, String field, String message) {
    SourceLocation where = new SourceLocation(m.source() == null ? "manifest of " + m.id() : m.source(), 0, 0,
        "metadata.models." + model.id() + "." + field);
    return new ProtocolException(StandardErrorCode.INVALID_REQUEST, message, where, null);
  }

  private static boolean isStreamFlag(String name) {
    return name.equals("stream");
  }

  private static void add(Map<String, WireParam> out, ProviderManifest m, ModelSpec model, String name, Object value,
      boolean typed) {
    ParameterSpec spec = find(m, name);
    checkAccepted(spec == null ? name : spec.name(), m, model);
    if (spec == null) {
      out.put(name, new WireParam(name, null, value, typed));
      return;
    }
    checkValue(spec, name, value, m);
    if ((spec.name().equals("max_tokens") || name.equals("max_tokens")) && model != null
        && model.maxOutputTokens() != null && value instanceof Number n && n.longValue() > model.maxOutputTokens()) {
      throw error(m, spec, "parameter '" + name + "' = " + value + " is above the output limit of model '" + model.id()
          + "' of provider '" + m.id() + "': allowed [1, " + model.maxOutputTokens() + "]");
    }
    out.remove(name);
    out.put(spec.name(), new WireParam(spec.name(), spec.wireName(), value, true));
  }

  static ParameterSpec find(ProviderManifest m, String name) {
    ParameterSpec direct = m.parameters().get(name);
    if (direct != null) {
      return direct;
    }
    for (ParameterSpec s : m.parameters().values()) {
      if (s.aliases().contains(name) || name.equals(s.providerName())) {
        return s;
      }
    }
    return null;
  }

  private static void checkValue(ParameterSpec spec, String given, Object value, ProviderManifest m) {
    String type = spec.type() == null ? "" : spec.type().toLowerCase(Locale.ROOT);
    String label = label(spec, given, m);
    if (value == null) {
      throw error(m, spec, label + " is null");
    }
    boolean ok = switch (type) {
      case "integer", "int" -> value instanceof Number n && isIntegral(n);
      case "float", "number", "double" -> value instanceof Number;
      case "boolean" -> value instanceof Boolean;
      case "string" -> value instanceof String;
      case "array" -> value instanceof Collection || value.getClass().isArray();
      case "object" -> value instanceof Map;
      default -> true;
    };
    if (!ok) {
      throw error(m, spec, label + " must be of type " + type + ", was " + value + " ("
          + value.getClass().getSimpleName() + ")");
    }
    if (!spec.allowedValues().isEmpty() && spec.allowedValues().stream()
        .noneMatch(a -> String.valueOf(a).equals(String.valueOf(value)))) {
      throw error(m, spec, label + " = " + value + " is not allowed: allowed values " + spec.allowedValues());
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw error(m, spec, label + " must be a finite number, was " + value);
      }
      if ((spec.min() != null && d < spec.min()) || (spec.max() != null && d > spec.max())) {
        throw error(m, spec, label + " = " + value + " is out of range: allowed ["
            + (spec.min() == null ? "-inf" : fmt(spec.min())) + ", " + (spec.max() == null ? "+inf" : fmt(spec.max()))
            + "]");
      }
    }
  }

  private static String label(ParameterSpec spec, String given, ProviderManifest m) {
    String s = "parameter '" + given + "'";
    if (!spec.wireName().equals(given)) {
      s += " (sent as '" + spec.wireName() + "')";
    }
    return s + " for provider '" + m.id() + "'";
  }

  private static boolean isIntegral(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
        || n instanceof java.math.BigInteger) {
      return true;
    }
    double d = n.doubleValue();
    return d == Math.rint(d) && !Double.isInfinite(d);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static ProtocolException error(ProviderManifest m, ParameterSpec spec, String message) {
    SourceLocation where = new SourceLocation(m.source() == null ? "manifest of " + m.id() : m.source(), 0, 0,
        "parameters." + spec.name());
    return new ProtocolException(StandardErrorCode.INVALID_REQUEST, message, where, null);
  }
}
