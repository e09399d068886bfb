/** The engine's implementation. Not API: may change in any release; other modules must not use it. */
package dev.ailib.core.internal;
