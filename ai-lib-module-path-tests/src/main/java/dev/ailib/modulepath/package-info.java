/** A program run on the module path by this module's test: it chats through each transport. */
package dev.ailib.modulepath;
