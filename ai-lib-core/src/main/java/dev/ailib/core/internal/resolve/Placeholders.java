package dev.ailib.core.internal.resolve;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.SourceLocation;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the {@code ${VAR}} placeholders of a manifest's URL, paths and header values from the environment. Called
 * only for the text a request actually uses: a base URL given to the client builder replaces the manifest's, whose
 * variables are then never asked for. ({@code {model}} in a path is not a placeholder of this kind: the request
 * factory fills it with the model id.) Thread-safe.
 */
public final class Placeholders {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final Environment environment;

  /**
   * Creates the expander.
   *
   * @param environment where variables are read
   */
  public Placeholders(Environment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * The text with its placeholders filled.
   *
   * @param manifest the manifest the text comes from (for the message)
   * @param field the manifest field, such as {@code endpoint.base_url} (for the message)
   * @param text the text; returned as it is when it has no placeholder
   * @return the filled text
   * @throws ProtocolException when a placeholder's variable is not set, naming the variable, the field and how to do
   *     without it
   */
  public String fill(ProviderManifest manifest, String field, String text) {
    if (text == null || text.indexOf("${") < 0) {
      return text;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = environment.get(name).filter(v -> !v.isBlank()).orElseThrow(() -> new ProtocolException(
          StandardErrorCode.INVALID_REQUEST, "provider '" + manifest.id() + "' needs the environment variable " + name + " for its "
              + field + ", which is not set"
              + (field.equals("endpoint.base_url") ? "; set it, or give the URL with AiClientBuilder.baseUrl(\""
                  + manifest.id() + "\", url) (or baseUrl(url) for the primary model's provider)" : ""),
          new SourceLocation(manifest.source() == null ? "manifest of " + manifest.id() : manifest.source(), -1, -1,
              field), null));
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
