package org.syncspool.standby;

import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncExit;

/**
 * A {@link ProcessRunner} for one target that keeps one rsync of the batch command started
 * ahead (see package-info). A run with exactly that argv takes the waiting standby, writes its
 * paths to it and waits for it, and a new standby starts at once, so it is connected by the next
 * batch; no standby ready is an ordinary run of the wrapped runner. Any other argv runs alone:
 * the waiting standby is ended first and a new one starts after it ({@link #alone}).
 *
 * <p>A standby that died while waiting (the daemon restarted, its {@code timeout} ended the
 * connection, the target is down) is found at hand-over: it has exited, or its run ends with an
 * "unreachable" exit code. The batch then runs again as an ordinary cold run, whose result is
 * the batch's, so a standby never makes a batch fail; the next standby waits
 * {@link StandbyPolicy#delayAfter} (backoff over deaths in a row). A waiting standby is replaced
 * at {@link StandbyPolicy#maxAgeMillis}; {@link #close} ends the waiting one with an empty file
 * list (it has sent nothing). Thread-safe.
 */
public final class StandbyRunner implements ProcessRunner, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StandbyRunner.class);

  /** What happened to standbys so far (for tests, the bench and the log). */
  public record Counts(long started, long used, long replaced, long died, long coldRuns) {}

  private final ProcessRunner runner;
  private final List<String> argv;
  private final StandbyTimer timer;
  private final StandbyPolicy policy;
  private final String target;

  private Started waiting;
  /** Bumped for each new standby, so a retire task for an older one does nothing. */
  private long generation;
  private boolean refillScheduled;
  private boolean closed;
  private int deathsInARow;
  private long started;
  private long used;
  private long replaced;
  private long died;
  private long coldRuns;

  /**
   * @param runner starts the processes
   * @param argv   the batch command a standby runs (RsyncCommand.batch(false))
   * @param target for log lines
   */
  public StandbyRunner(ProcessRunner runner, List<String> argv, StandbyTimer timer,
                       StandbyPolicy policy, String target) {
    this.runner = runner;
    this.argv = List.copyOf(argv);
    this.timer = timer;
    this.policy = policy;
    this.target = target;
  }

  /** Starts the first standby (on the timer). */
  public void open() {
    scheduleRefill(0);
  }

  /**
   * A run followed line by line (a full sync's progress, transfer.BatchRuns) is never the
   * standby's batch argv: it runs alone, as {@link #run(List, StdinWriter)} runs other commands.
   */
  @Override
  public Result run(List<String> argv, StdinWriter input, LineSink lines)
      throws IOException, InterruptedException {
    if (this.argv.equals(argv)) {
      return run(argv, input);
    }
    return alone(argv, input, lines);
  }

  @Override
  public Result run(List<String> argv, StdinWriter input) throws IOException, InterruptedException {
    if (!this.argv.equals(argv)) {
      return alone(argv, input);
    }
    Started s = take();
    if (s == null) {
      synchronized (this) {
        coldRuns++;
      }
      return runner.run(argv, input);
    }
    if (!s.alive()) {
      s.cancel();
      died("it had exited");
      return cold(argv, input);
    }
    scheduleRefill(0); // the next one connects while this batch runs
    Result r;
    try {
      r = s.finish(input);
    } catch (IOException e) {
      died(e.toString());
      return cold(argv, input);
    }
    if (RsyncExit.classify(r.exitCode()) == RsyncExit.UNREACHABLE) {
      died("rsync exit " + r.exitCode() + " (" + RsyncExit.describe(r.exitCode()) + ")");
      return cold(argv, input);
    }
    synchronized (this) {
      used++;
      deathsInARow = 0;
    }
    return r;
  }

  /**
   * A command of its own (a subtree, a rename's --link-dest run, a full sync) runs while no
   * standby of ours holds a session: a target that allows one session at a time refused it for
   * as long as the standby waited. rrsync's default single-run lock did, with "Another instance
   * of rrsync is already accessing this directory" (exit 12) on every try, so a renamed
   * directory never reached an rrsync target (SshIT); a daemon with {@code max connections = 1}
   * would too. The standby is ended (it has sent nothing) and a new one starts after the run.
   */
  private Result alone(List<String> argv, StdinWriter input)
      throws IOException, InterruptedException {
    return alone(argv, input, LineSink.NONE);
  }

  private Result alone(List<String> argv, StdinWriter input, LineSink lines)
      throws IOException, InterruptedException {
    Started s = take();
    if (s != null) {
      s.cancel();
    }
    try {
      return lines == LineSink.NONE ? runner.run(argv, input) : runner.run(argv, input, lines);
    } finally {
      scheduleRefill(0);
    }
  }

  private Result cold(List<String> argv, StdinWriter input)
      throws IOException, InterruptedException {
    synchronized (this) {
      coldRuns++;
    }
    return runner.run(argv, input);
  }

  private synchronized Started take() {
    Started s = waiting;
    waiting = null;
    generation++;
    return s;
  }

  private void died(String why) {
    long delay;
    synchronized (this) {
      died++;
      deathsInARow++;
      delay = policy.delayAfter(deathsInARow);
    }
    log.debug("target {}: standby rsync died ({}); this batch runs on its own, the next standby "
        + "in {} ms", target, why, delay);
    scheduleRefill(delay);
  }

  private void scheduleRefill(long delay) {
    synchronized (this) {
      if (closed || refillScheduled) {
        return;
      }
      refillScheduled = true;
    }
    timer.schedule(delay, this::refill);
  }

  /** On the timer: starts a standby unless one waits; schedules its retirement. */
  private void refill() {
    synchronized (this) {
      refillScheduled = false;
      if (closed || waiting != null) {
        return;
      }
    }
    Started s;
    try {
      s = runner.start(argv);
    } catch (IOException | RuntimeException e) {
      died(e.toString());
      return;
    }
    long gen;
    synchronized (this) {
      if (closed || waiting != null) {
        gen = -1;
      } else {
        waiting = s;
        gen = ++generation;
        started++;
      }
    }
    if (gen < 0) {
      s.cancel();
      return;
    }
    timer.schedule(policy.maxAgeMillis(), () -> retire(gen));
  }

  /** On the timer: the standby of generation {@code gen}, if still waiting, is replaced. */
  private void retire(long gen) {
    Started s;
    synchronized (this) {
      if (generation != gen || waiting == null) {
        return;
      }
      s = waiting;
      waiting = null;
      generation++;
      replaced++;
    }
    s.cancel();
    scheduleRefill(0);
  }

  public synchronized Counts counts() {
    return new Counts(started, used, replaced, died, coldRuns);
  }

  /** True while a standby waits for a batch. */
  public synchronized boolean ready() {
    return waiting != null;
  }

  /** Ends the waiting standby (empty file list: it sends nothing) and starts no more. */
  @Override
  public void close() {
    Started s;
    synchronized (this) {
      closed = true;
      s = waiting;
      waiting = null;
      generation++;
    }
    if (s != null) {
      s.cancel();
    }
  }
}
