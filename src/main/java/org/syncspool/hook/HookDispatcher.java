package org.syncspool.hook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncspool.config.Hook;
import org.syncspool.config.Target;
import org.syncspool.worker.WorkerListener;
import org.syncspool.worker.WorkerState;

/**
 * Feeds the configured hooks from the workers' reports: the workers' threads only decide
 * ({@link HookTriggers}) and offer the event to a bounded queue; one thread of its own runs the
 * hooks, one at a time. A full queue drops the event (replication never waits for a hook): the
 * drop is counted and the first one logged, with the fix.
 */
public final class HookDispatcher implements WorkerListener, AutoCloseable {
  /** Events waiting for the hook thread: minutes of batches at a usual hook's speed. */
  public static final int QUEUE = 256;

  private static final Logger log = LoggerFactory.getLogger(HookDispatcher.class);

  private final Map<Hook.Kind, List<Hook>> hooks = new EnumMap<>(Hook.Kind.class);
  private final Function<Target, String> rootOf;
  private final Run runner;
  private final LongSupplier clock;
  private final HookTriggers triggers = new HookTriggers();
  private final BlockingQueue<Job> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong ran = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicBoolean warned = new AtomicBoolean();
  private final Thread thread;

  private record Job(Hook hook, HookEvent event) {}

  /** Runs one hook to its end: {@link HookRunner#run}; tests pass their own. */
  @FunctionalInterface
  public interface Run {
    HookRunner.Result run(Hook hook, HookEvent event) throws InterruptedException;
  }

  public HookDispatcher(List<Hook> configured, Function<Target, String> rootOf, Run runner,
                        LongSupplier clock, int capacity) {
    for (Hook h : configured) {
      hooks.computeIfAbsent(h.on(), k -> new ArrayList<>()).add(h);
    }
    this.rootOf = rootOf;
    this.runner = runner;
    this.clock = clock;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::loop, "syncspool-hooks");
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  @Override
  public void batchEnded(BatchReport r) {
    for (Hook.Kind k : triggers.batchEnded(r)) {
      if (hooks.containsKey(k)) {
        offer(k, HookEvent.of(k, r, rootOf.apply(r.target()), clock.getAsLong()));
      }
    }
  }

  @Override
  public void stateChanged(Target target, WorkerState state, String reason) {
    for (Hook.Kind k : triggers.stateChanged(target.id(), state)) {
      if (hooks.containsKey(k)) {
        offer(k, HookEvent.of(k, target, rootOf.apply(target), reason, 0, clock.getAsLong()));
      }
    }
  }

  /** Queues {@code event} for every hook of {@code kind} (an audit's drift comes this way). */
  public void fire(Hook.Kind kind, HookEvent event) {
    if (hooks.containsKey(kind)) {
      offer(kind, event);
    }
  }

  private void offer(Hook.Kind kind, HookEvent e) {
    for (Hook h : hooks.get(kind)) {
      if (!queue.offer(new Job(h, e))) {
        long n = dropped.incrementAndGet();
        if (warned.compareAndSet(false, true)) {
          log.warn("hook queue full ({} events waiting): dropped the {} event of target {} for "
              + "{} (and will drop more while hooks are this slow, counting them without more "
              + "log lines: syncspool_hook_dropped_total); make the hook return sooner, e.g. "
              + "hand the work to a queue of its own", QUEUE, kind.attribute(), e.target(),
              h.command());
        }
        log.debug("hook event dropped ({} so far)", n);
      }
    }
  }

  private void loop() {
    try {
      while (true) {
        Job j = queue.take();
        if (j.hook() == null) {
          return;
        }
        HookRunner.Result r = runner.run(j.hook(), j.event());
        ran.incrementAndGet();
        if (r.ok()) {
          log.debug("hook {} on {} for {}: {}", j.hook().command(), j.event().event(),
              j.event().target(), r.describe(j.hook()));
        } else {
          failed.incrementAndGet();
          log.warn("hook {} on {} for target {}: {}", j.hook().command(), j.event().event(),
              j.event().target(), r.describe(j.hook()));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Events dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Hook runs finished (successful or not). */
  public long ran() {
    return ran.get();
  }

  /** Hook runs that exited non-zero, timed out or could not start. */
  public long failed() {
    return failed.get();
  }

  /**
   * Lets the hook running now finish (up to its timeout, then it is killed), and drops the rest.
   */
  @Override
  public void close() {
    queue.clear();
    queue.offer(new Job(null, null));
    try {
      thread.join(TimeUnit.SECONDS.toMillis(15));
      if (thread.isAlive()) {
        thread.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
