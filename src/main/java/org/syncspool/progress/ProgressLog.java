package org.syncspool.progress;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.syncspool.time.Scheduler;
import org.syncspool.time.Waiter;

/**
 * Every {@code everyMillis}, one log line per work on the {@link ProgressBoard} that has run at
 * least that long ({@link ProgressText#line}): a full sync of a million directories says how far
 * it is between "full sync running" and "done". A thread of the daemon's {@link Scheduler}
 * (service.Daemon), waiting on its {@link Waiter}, so tests drive it on fake time.
 */
public final class ProgressLog implements AutoCloseable {
  /** How often; the issue asks for "every few seconds". */
  public static final long EVERY_MILLIS = 5_000;

  private final ProgressBoard board;
  private final Scheduler scheduler;
  private final long everyMillis;
  private final Consumer<String> out;
  private final Waiter waiter;
  private volatile boolean closed;
  private Scheduler.@Nullable Handle thread;

  public ProgressLog(ProgressBoard board, Scheduler scheduler, long everyMillis,
                     Consumer<String> out) {
    this.board = board;
    this.scheduler = scheduler;
    this.everyMillis = everyMillis;
    this.out = out;
    this.waiter = scheduler.waiter();
  }

  public void start() {
    thread = scheduler.start("syncspool-progress", this::run);
  }

  private void run() {
    long next = scheduler.deadlineAfterMillis(everyMillis);
    while (!closed) {
      if (next - scheduler.nanos() > 0) {
        waiter.await(next);
        continue;
      }
      next = scheduler.deadlineAfterMillis(everyMillis);
      logOnce();
    }
  }

  /** One line per work in flight for at least one period. */
  void logOnce() {
    long now = board.nanos();
    for (Progress p : board.all()) {
      if (p.elapsedMillis(now) >= everyMillis) {
        try {
          out.accept(ProgressText.line(p, now));
        } catch (RuntimeException e) {
          // A failing log sink must not end the thread; the next period tries again.
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    waiter.wake();
    Scheduler.Handle.joinQuietly(thread, 5_000);
  }
}
