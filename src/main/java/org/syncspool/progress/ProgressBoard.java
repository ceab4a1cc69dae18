package org.syncspool.progress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.Progress2;
import org.syncspool.time.Ticker;

/**
 * The long work in flight in this process, per target and kind: written by the thread doing it
 * (a worker's full sync, fed from rsync's stdout thread; a replay), read by the progress log
 * line ({@link ProgressLog}), {@code /status}, metrics and the page. Thread-safe; entries are
 * immutable {@link Progress} values.
 */
public final class ProgressBoard {
  private final Ticker ticker;
  private final Map<Key, Progress> running = new ConcurrentHashMap<>();
  private final Consumer<Progress> changed;

  public ProgressBoard(Ticker ticker) {
    this(ticker, p -> { });
  }

  /**
   * @param changed hears every new count, on the thread that counted (the {@code replay}
   *                command draws its bar from it, cli.ReplayCommand); quick, never throws
   */
  public ProgressBoard(Ticker ticker, Consumer<Progress> changed) {
    this.ticker = ticker;
    this.changed = changed;
  }

  /** The board's time, for reading rates and time left of its entries. */
  public long nanos() {
    return ticker.nanos();
  }

  /** {@code work} began for {@code target}; {@code totalPaths} -1 when unknown. */
  public void begin(Work work, String target, long totalPaths) {
    Progress p = Progress.begun(work, target, totalPaths, ticker.nanos());
    running.put(new Key(target, work), p);
    changed.accept(p);
  }

  /** New counts for work begun; ignored when it is not on the board (ended meanwhile). */
  public void count(Work work, String target, long paths, long bytes, long totalPaths) {
    Progress p = running.computeIfPresent(new Key(target, work),
        (k, was) -> was.counted(paths, bytes, totalPaths));
    if (p != null) {
      changed.accept(p);
    }
  }

  /** The work ended (done or failed): off the board. */
  public void end(Work work, String target) {
    running.remove(new Key(target, work));
  }

  /**
   * A sink for an rsync run's stdout that counts its {@code --info=progress2} lines into
   * {@code work} of {@code target}; other lines are ignored.
   */
  public ProcessRunner.LineSink fromRsync(Work work, String target) {
    return text -> {
      Progress2.Line l = Progress2.parse(text);
      if (l != null && l.listed() >= 0) {
        count(work, target, l.checked(), l.bytes(), l.complete() ? l.listed() : -1);
      } else if (l != null) {
        count(work, target, 0, l.bytes(), -1);
      }
    };
  }

  /** Everything in flight, by target then kind. */
  public List<Progress> all() {
    List<Progress> out = new ArrayList<>(running.values());
    out.sort(Comparator.comparing(Progress::target).thenComparing(Progress::work));
    return out;
  }

  /** What runs for {@code target} now, by kind; empty when nothing does. */
  public List<Progress> of(String target) {
    List<Progress> out = new ArrayList<>();
    for (Progress p : all()) {
      if (p.target().equals(target)) {
        out.add(p);
      }
    }
    return out;
  }

  private record Key(String target, Work work) {}
}
