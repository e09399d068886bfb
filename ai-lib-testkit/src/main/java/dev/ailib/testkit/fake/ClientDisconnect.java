package dev.ailib.testkit.fake;

import java.time.Instant;

/**
 * The server observed that a client closed (or reset) one of its connections.
 *
 * @param connectionId the connection, as in {@link RecordedRequest#connectionId()}
 * @param at when the server noticed, from the provider's clock
 * @param duringResponse true when a response was being sent (or held by a fault) at that moment; false
 *     when the connection was idle between requests
 * @param requestsServed how many requests this connection carried
 */
public record ClientDisconnect(int connectionId, Instant at, boolean duringResponse, int requestsServed) {}
