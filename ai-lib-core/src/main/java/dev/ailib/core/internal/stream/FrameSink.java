package dev.ailib.core.internal.stream;

/** Receives the frames a decoder produces, in order. */
@FunctionalInterface
public interface FrameSink {

  /**
   * Called once per frame.
   *
   * @param frame the frame
   */
  void onFrame(Frame frame);
}
