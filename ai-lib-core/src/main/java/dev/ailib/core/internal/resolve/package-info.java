/**
 * Turns what a caller wrote into what a call needs: {@link dev.ailib.core.internal.resolve.ModelResolver} picks
 * the manifest and the wire model id from {@code provider/model}; {@link
 * dev.ailib.core.internal.resolve.CredentialResolver} finds the API key (explicit key, the manifest's variables,
 * then {@code <PROVIDER>_API_KEY}). Internal to the engine.
 */
package dev.ailib.core.internal.resolve;
