package org.syncspool.watch.fanotify;

/** fanotify cannot watch these roots here; the message is one line for the operator. */
public final class Unsupported extends Exception {
  private static final long serialVersionUID = 1L;

  public Unsupported(String message) {
    super(message, null, false, false);
  }
}
