package dev.ailib.mcp.server;

/** A child process that never speaks MCP: it sleeps until killed, ignoring its input. */
public final class MuteProcess {
  private MuteProcess() {
  }

  /**
   * Sleeps for a minute at most.
   *
   * @param args unused
   * @throws InterruptedException never in practice
   */
  public static void main(String[] args) throws InterruptedException {
    Thread.sleep(60_000);
  }
}
