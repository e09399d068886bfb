package dev.ailib.core.internal.engine;

import dev.ailib.core.internal.codec.WireCodec;
import dev.ailib.core.internal.response.Origin;
import dev.ailib.core.internal.response.Redactor;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.net.URI;
import java.util.Objects;

/**
 * One resolved model to call: its manifest, codec, credential and base URL. {@link #toString()} hides the key.
 *
 * @param provider the provider id
 * @param modelId the model id without provider prefix
 * @param manifest the provider's manifest
 * @param modelSpec the model's metadata, or null when the manifest does not list it
 * @param codec the codec of the manifest's wire style
 * @param apiKey the credential, or null when the manifest's auth needs none
 * @param baseUrl the base URL (the builder's override or the manifest's)
 */
record Target(String provider, String modelId, ProviderManifest manifest, ModelSpec modelSpec, WireCodec codec,
    Secret apiKey, URI baseUrl) {

  Target {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(baseUrl, "baseUrl");
  }

  /** The redaction step of a call to this target: its credential and the user-info of its base URL. */
  Redactor redactor() {
    return Redactor.forCall(apiKey == null ? null : apiKey.reveal(), baseUrl);
  }

  /** This target as the origin of answers: its names and its redactor. */
  Origin origin() {
    return new Origin(provider, modelId, redactor());
  }

  @Override
  public String toString() {
    return "Target[" + provider + "/" + modelId + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "***")
        + "]";
  }
}
