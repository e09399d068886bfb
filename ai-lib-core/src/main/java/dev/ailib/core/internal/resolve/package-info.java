/**
 * Turns what a caller wrote into what a call needs: {@link dev.ailib.core.internal.resolve.ModelRef} splits
 * {@code provider/model} once; {@link dev.ailib.core.internal.resolve.ModelResolver} finds the manifest, checks the
 * model id against it and expands the base URL; {@link
 * dev.ailib.core.internal.resolve.CredentialResolver} finds the API key (explicit key, the manifest's variables,
 * then {@code <PROVIDER>_API_KEY}). Internal to the engine.
 */
package dev.ailib.core.internal.resolve;
