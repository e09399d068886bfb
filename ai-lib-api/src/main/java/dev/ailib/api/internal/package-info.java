/** Implementation details of the API module. Not API: may change in any release. */
package dev.ailib.api.internal;
