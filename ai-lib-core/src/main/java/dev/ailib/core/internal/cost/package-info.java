/**
 * What calls cost and what a client may spend: {@link dev.ailib.core.internal.cost.Costs} prices a call's usage by
 * the serving model's manifest prices (never guessing a missing price); {@link dev.ailib.core.internal.cost.Spending}
 * enforces the client's budgets before a call is sent and tells the spend listeners what each call spent.
 */
package dev.ailib.core.internal.cost;
