/**
 * The engine: {@code DefaultEngine} joins small parts, one job each: resolving the models of a client
 * ({@code TargetResolver}, targets with their request templates, reused while the manifest is unchanged), the
 * targets and bodies of one call ({@code CallPlan}), starting, failing and closing calls ({@code Calls},
 * {@code CallScope} with the call's deadline), sending one attempt ({@code Exchange}), reading error bodies
 * ({@code BodyReader}), opening streams ({@code StreamOpener}), the pull, push and publisher forms, and the threads
 * of asynchronous work ({@code EngineThreads}).
 */
package dev.ailib.core.internal.engine;
