/**
 * Runs the AI-Protocol cross-runtime compliance suite ({@code tests/compliance/cases}) through the library's
 * production code: each case is a JUnit dynamic test named {@code <file>#<id>}; the suite prints
 * {@code compliance: N passed, N failed, N skipped} and writes {@code target/compliance-report.json}.
 */
package dev.ailib.compliance;
