package org.syncspool.watch;

/** A recursive watch over every configured root, feeding an {@link EventSink}. */
public interface Watcher extends AutoCloseable {
  /** Adds the watches of every root (returns when they are all in place), then starts reading. */
  void start() throws java.io.IOException;

  /** Number of directories watched now (filesystem marks for a whole-filesystem watcher). */
  int watchCount();

  /** What is watched, counted, for systemd's STATUS line: {@code "1200 directories"}. */
  default String counted() {
    return watchCount() + " directories";
  }

  /** What is watched and how, for the start-up line: {@code "1200 directories"}. */
  default String describe() {
    return watchCount() + " directories";
  }

  /** Stops reading and releases the kernel resources; idempotent. */
  @Override
  void close();
}
