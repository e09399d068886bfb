/**
 * The exception tree: {@link dev.ailib.api.error.AiLibException} and its subtypes, each carrying a
 * {@link dev.ailib.api.error.StandardErrorCode} from the AI-Protocol error standard (E1001..E9999).
 */
package dev.ailib.api.error;
