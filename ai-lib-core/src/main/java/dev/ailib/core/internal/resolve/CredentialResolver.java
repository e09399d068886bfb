package dev.ailib.core.internal.resolve;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.AuthSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.transport.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds a provider's API key, trying in order: the explicit key passed in code; each variable the manifest
 * names ({@code token_env} / {@code key_env}, from {@code endpoint.auth} when present, never from a shadowed
 * top-level {@code auth}); then the conventional {@code <PROVIDER>_API_KEY} (the id upper-cased, other characters
 * than letters and digits as {@code _}). A missing key is an error naming every variable tried; a key with a
 * character an HTTP header cannot carry is an error naming the character; no key ever appears in a message.
 * Thread-safe.
 */
public final class CredentialResolver {
  private final Environment environment;

  /**
   * Creates a resolver.
   *
   * @param environment where variables are read
   */
  public CredentialResolver(Environment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * The key for a provider.
   *
   * @param manifest the provider's manifest
   * @param explicitKey a key passed in code, or null
   * @return the key and its source; {@link Credential#NONE} when the manifest's auth type is none
   * @throws ProtocolException ({@link StandardErrorCode#AUTHENTICATION}) when no key is found, naming the
   *     variables tried
   */
  public Credential resolve(ProviderManifest manifest, String explicitKey) {
    return resolve(manifest, explicitKey, null, "a key to the client builder");
  }

  /**
   * The key for a provider, with the message of a missing key naming what needed it and how to pass one.
   *
   * @param manifest the provider's manifest
   * @param explicitKey a key passed in code, or null
   * @param neededBy what needs the key, such as {@code fallback model anthropic/claude-sonnet-4-5}, or null
   * @param howToPass how to pass a key in code, such as {@code AiClientBuilder.apiKey("anthropic", key)}
   * @return the key and its source; {@link Credential#NONE} when the manifest's auth type is none
   * @throws ProtocolException ({@link StandardErrorCode#AUTHENTICATION}) when no key is found, naming the
   *     variables tried and how to pass a key
   */
  public Credential resolve(ProviderManifest manifest, String explicitKey, String neededBy, String howToPass) {
    return find(manifest, explicitKey).orElseThrow(() -> new ProtocolException(StandardErrorCode.AUTHENTICATION,
        missingMessage(manifest, neededBy, howToPass), null, null));
  }

  /**
   * The key for a provider, if there is one.
   *
   * @param manifest the provider's manifest
   * @param explicitKey a key passed in code, or null
   * @return the key and its source, {@link Credential#NONE} when none is needed, empty when none is found
   */
  public Optional<Credential> find(ProviderManifest manifest, String explicitKey) {
    if (explicitKey != null && !explicitKey.isBlank()) {
      return Optional.of(checked(manifest, explicitKey, Credential.Source.EXPLICIT, "explicit"));
    }
    if (manifest.auth().type() == AuthSpec.Type.NONE) {
      return Optional.of(Credential.NONE);
    }
    for (String name : manifest.auth().tokenEnvVars()) {
      Optional<String> v = environment.get(name);
      if (v.isPresent()) {
        return Optional.of(checked(manifest, v.get(), Credential.Source.MANIFEST_ENV, name));
      }
    }
    String conventional = conventionalVariable(manifest.id());
    if (!manifest.auth().tokenEnvVars().contains(conventional)) {
      Optional<String> v = environment.get(conventional);
      if (v.isPresent()) {
        return Optional.of(checked(manifest, v.get(), Credential.Source.CONVENTIONAL_ENV, conventional));
      }
    }
    return Optional.empty();
  }

  /**
   * A found key, stripped of surrounding white space, refused when it has a character an HTTP header cannot carry
   * (anything but visible US-ASCII): such a key would fail or be rewritten on the wire. The message names the
   * character and where it came from, never the key.
   */
  private static Credential checked(ProviderManifest manifest, String value, Credential.Source source, String name) {
    String key = value.strip();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new ProtocolException(StandardErrorCode.AUTHENTICATION, "the API key for provider '" + manifest.id()
            + "' from " + (source == Credential.Source.EXPLICIT ? "the client builder" : "variable " + name)
            + " has a character that cannot be sent in an HTTP header (" + HttpHeaders.describeChar(key, i)
            + "; key not shown): remove it (a line break or a zero-width space is often copied along with a key)",
            null, null);
      }
    }
    return new Credential(key, source, name);
  }

  /**
   * The variables tried, in order: the manifest's, then the conventional one.
   *
   * @param manifest the provider's manifest
   * @return the names, without duplicates
   */
  public static List<String> variablesTried(ProviderManifest manifest) {
    List<String> names = new ArrayList<>(manifest.auth().tokenEnvVars());
    String conventional = conventionalVariable(manifest.id());
    if (!names.contains(conventional)) {
      names.add(conventional);
    }
    return names;
  }

  /**
   * The conventional variable of a provider: {@code <ID>_API_KEY}.
   *
   * @param providerId such as {@code acme-ai}
   * @return such as {@code ACME_AI_API_KEY}
   */
  public static String conventionalVariable(String providerId) {
    StringBuilder b = new StringBuilder();
    for (char c : providerId.toUpperCase(Locale.ROOT).toCharArray()) {
      b.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
    }
    return b + "_API_KEY";
  }

  /**
   * A safe one-line description of a found credential for diagnostics: where it came from, never its value, and
   * the top-level auth variables the manifest's {@code endpoint.auth} shadows (which were not consulted).
   *
   * @param manifest the provider's manifest
   * @param credential the credential found
   * @return the description
   */
  public static String describe(ProviderManifest manifest, Credential credential) {
    StringBuilder b = new StringBuilder("API key for provider '").append(manifest.id()).append("' from ")
        .append(credential.source().name().toLowerCase(Locale.ROOT));
    if (credential.sourceName() != null) {
      b.append(" '").append(credential.sourceName()).append('\'');
    }
    b.append(" (value redacted)");
    if (!manifest.auth().shadowedEnvVars().isEmpty()) {
      b.append("; ").append(String.join(", ", manifest.auth().shadowedEnvVars()))
          .append(" from the manifest's top-level auth block is shadowed by endpoint.auth and was not consulted");
    }
    return b.toString();
  }

  private static String missingMessage(ProviderManifest manifest, String neededBy, String howToPass) {
    List<String> tried = variablesTried(manifest);
    StringBuilder b = new StringBuilder("no API key for provider '").append(manifest.id()).append('\'');
    if (neededBy != null) {
      b.append(" (needed by ").append(neededBy).append(')');
    }
    b.append(": set ")
        .append(tried.size() == 1 ? tried.get(0) : String.join(", ", tried.subList(0, tried.size() - 1)) + " or "
            + tried.get(tried.size() - 1))
        .append(", or pass ").append(howToPass);
    if (!manifest.auth().shadowedEnvVars().isEmpty()) {
      b.append(" (").append(String.join(", ", manifest.auth().shadowedEnvVars()))
          .append(" from the manifest's top-level auth block is not used: endpoint.auth takes precedence)");
    }
    return b.toString();
  }
}
