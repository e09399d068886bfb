package dev.ailib.core.internal.resolve;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model ids one manifest accepts, and what each resolves to. A caller's id is looked up, in order:
 *
 * <ol>
 *   <li>as a listed id ({@code metadata.models.<id>}): that model, sent as written;</li>
 *   <li>as an alias of a listed model ({@code metadata.models.<id>.aliases}): that model, sent as its listed id
 *   (aliases are names for callers; the listed id is what the provider knows);</li>
 *   <li>as a snapshot of a listed id or alias: the id with a version suffix ({@code -20241022},
 *   {@code -2024-08-06}, {@code -08-2024}, {@code -0613}, {@code -001}) whose rest is found by 1 or 2. It resolves to
 *   that model's metadata and is sent as written: the caller pinned a snapshot the provider knows.</li>
 * </ol>
 *
 * <p>Built once per manifest instance; an alias claimed by two models, or equal to another model's id, is an error
 * naming both (a source that loads files reports it earlier, with file and line). Immutable and thread-safe.
 */
final class ModelCatalog {
  /**
   * Version suffixes of snapshot ids: a date as {@code YYYYMMDD} or {@code YYYY-MM-DD}, {@code MM-YYYY}, or a short
   * number ({@code MMDD}, {@code YYMM}, {@code 001}).
   */
  private static final Pattern SNAPSHOT = Pattern.compile("(.+?)-(\\d{8}|\\d{4}-\\d{2}-\\d{2}|\\d{2}-\\d{4}|\\d{3,4})");

  /** How an id was found. */
  enum Match {
    /** A listed id. */
    LISTED,
    /** An alias of a listed id. */
    ALIAS,
    /** A snapshot of a listed id or alias. */
    SNAPSHOT
  }

  /**
   * A found model.
   *
   * @param spec the listed model
   * @param wireId the id to send
   * @param match how it was found
   */
  record Found(ModelSpec spec, String wireId, Match match) {
  }

  private final ProviderManifest manifest;
  private final Map<String, ModelSpec> byAlias;

  private ModelCatalog(ProviderManifest manifest, Map<String, ModelSpec> byAlias) {
    this.manifest = manifest;
    this.byAlias = byAlias;
  }

  /**
   * The catalog of a manifest.
   *
   * @param manifest the manifest
   * @return its catalog
   * @throws ProtocolException when an alias is ambiguous
   */
  static ModelCatalog of(ProviderManifest manifest) {
    Map<String, ModelSpec> byAlias = new HashMap<>();
    for (Map.Entry<String, ModelSpec> e : manifest.models().entrySet()) {
      for (String alias : e.getValue().aliases()) {
        ModelSpec listed = manifest.models().get(alias);
        ModelSpec other = byAlias.putIfAbsent(alias, e.getValue());
        if (listed != null || (other != null && other != e.getValue())) {
          throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "the manifest of provider '" + manifest.id()
              + "' (" + manifest.source() + ") gives the alias '" + alias + "' to model '" + e.getKey() + "', but '"
              + alias + "' " + (listed != null ? "is itself a listed model" : "is also an alias of model '"
                  + other.id() + "'") + "; an alias must name one model", null, null);
        }
      }
    }
    return new ModelCatalog(manifest, byAlias);
  }

  /** Whether the manifest lists its models (a manifest that lists none accepts any id). */
  boolean lists() {
    return !manifest.models().isEmpty();
  }

  /**
   * Finds an id.
   *
   * @param id the id as the caller wrote it (without provider prefix)
   * @return the model and the id to send, or empty when the manifest does not know it
   */
  Optional<Found> find(String id) {
    ModelSpec listed = manifest.models().get(id);
    if (listed != null) {
      return Optional.of(new Found(listed, id, Match.LISTED));
    }
    ModelSpec aliased = byAlias.get(id);
    if (aliased != null) {
      return Optional.of(new Found(aliased, aliased.id(), Match.ALIAS));
    }
    Matcher m = SNAPSHOT.matcher(id);
    if (m.matches()) {
      String base = m.group(1);
      ModelSpec snapshotOf = manifest.models().get(base);
      if (snapshotOf == null) {
        snapshotOf = byAlias.get(base);
      }
      if (snapshotOf != null) {
        return Optional.of(new Found(snapshotOf, id, Match.SNAPSHOT));
      }
    }
    return Optional.empty();
  }

  /** The listed ids, sorted, each with its aliases: {@code a (alias b, c), d}. */
  String describe() {
    StringJoiner out = new StringJoiner(", ");
    new TreeMap<>(manifest.models()).forEach((id, spec) -> out.add(spec.aliases().isEmpty() ? id
        : id + " (alias " + String.join(", ", spec.aliases()) + ")"));
    return out.toString();
  }
}
