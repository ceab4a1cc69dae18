package org.syncspool.supervisor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.syncspool.worker.RetryPolicy;
import org.syncspool.time.Scheduler;
import org.syncspool.time.Waiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scheduler} that restarts its threads. A body that returns has ended as asked (a
 * worker after its stop mail); a body that throws has died: one ERROR line with the cause, one
 * more in {@link #deaths}, then the body runs again on the same thread after a backoff (1 s,
 * doubling to 1 min; back to 1 s once a run lasted longer than that). {@link #close} ends the
 * waits of threads between two runs. Restarting is safe for a body that keeps its durable
 * state outside the thread: a worker's cursor is committed only after delivery, so a restarted
 * worker re-reads and re-sends at most one batch.
 */
public final class Supervisor implements Scheduler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
  static final RetryPolicy BACKOFF = new RetryPolicy(1000, 60_000, 0);

  private final Scheduler inner;
  private final Map<String, AtomicLong> deaths = new ConcurrentHashMap<>();
  private final List<Waiter> resting = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  public Supervisor(Scheduler inner) {
    this.inner = inner;
  }

  @Override
  public long nanos() {
    return inner.nanos();
  }

  @Override
  public Waiter waiter() {
    return inner.waiter();
  }

  @Override
  public Handle start(String name, Runnable body) {
    deaths.computeIfAbsent(name, n -> new AtomicLong());
    Waiter rest = inner.waiter();
    resting.add(rest);
    return inner.start(name, () -> {
      int inARow = 0;
      while (!closed) {
        long started = inner.nanos();
        try {
          body.run();
          return;
        } catch (Throwable e) {
          if (inner.nanos() - started > BACKOFF.maxMillis() * 1_000_000) {
            inARow = 0;
          }
          inARow++;
          long delay = BACKOFF.baseMillis(inARow);
          died(name, e);
          log.error("thread {} died: {}; restarting it in {} ms ({} in a row)", name, e, delay,
              inARow, e);
          long until = inner.deadlineAfterMillis(delay);
          while (!closed && until - inner.nanos() > 0) {
            rest.await(until);
          }
        }
      }
    });
  }

  /** Lists a thread this supervisor did not start, so its deaths count from 0. */
  public void track(String thread) {
    deaths.computeIfAbsent(thread, n -> new AtomicLong());
  }

  /** Counts a death of {@code thread}; also for threads this supervisor did not start. */
  public void died(String thread, Throwable cause) {
    deaths.computeIfAbsent(thread, n -> new AtomicLong()).incrementAndGet();
  }

  /** Deaths so far per thread name (every thread started here, and others reported). */
  public long deaths(String thread) {
    AtomicLong n = deaths.get(thread);
    return n == null ? 0 : n.get();
  }

  /** The thread names known so far. */
  public List<String> threads() {
    return List.copyOf(deaths.keySet());
  }

  /** Threads between two runs return instead of running their body again. */
  @Override
  public void close() {
    closed = true;
    resting.forEach(Waiter::wake);
  }
}
