package org.syncspool.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.syncspool.config.Root;
import org.syncspool.config.Target;
import org.syncspool.dirfd.DirHandle;
import org.syncspool.journal.AppendTap;
import org.syncspool.worker.TargetWorker;
import org.syncspool.worker.WorkerListener;
import org.syncspool.time.Scheduler;
import org.syncspool.time.SystemScheduler;
import org.syncspool.time.Waiter;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/**
 * {@code syncspool flush}: returns once everything that happened under the roots before the call
 * is on every target. Watchman's cookie: a file written at the top of each root goes through
 * the same kernel queue and journal as every earlier change, so once its event is journaled (at
 * index i) and every worker of that root has committed past i, every earlier change is on that
 * worker's target. Workers drop cookies like excluded paths ({@link FlushCookie}), so none reaches
 * a target, and each is deleted as soon as its event is seen.
 *
 * <p>Paths given up on (on a failed list) are not on their target: a flush with a non-empty
 * failed list fails and says so.
 *
 * <p>Other users may write the roots (docs/security.md): a cookie is created relative to a
 * descriptor of the root with {@code O_CREAT|O_EXCL|O_NOFOLLOW} ({@link DirHandle}) under a name
 * nobody can guess ({@link FlushCookie#next}), so a planted symlink or file is never followed,
 * truncated or taken for ours (an occupied name fails the flush; it cannot happen by chance).
 *
 * <p>A cookie that never shows up in the journal means its root is not watched, or the
 * {@code <filter>} excludes {@code .syncspool-flush-*}; the flush then times out and says so.
 */
public final class FlushBarrier implements AppendTap, WorkerListener {

  private final List<Root> roots;
  private final Supplier<List<TargetWorker>> workers;
  private final Scheduler scheduler;
  /** The waits of the flushes in progress: a cookie seen or a commit wakes them. */
  private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();
  /** "rootId/cookieName" -> the journal index its event landed at. */
  private final Map<String, CompletableFuture<Long>> pending = new ConcurrentHashMap<>();
  // Watcher-thread state for the visitor (no allocation per event).
  private long index;
  private final EventBatch.Visitor visitor = this::event;
  private CompletableFuture<?> ready = CompletableFuture.completedFuture(null);

  /** @param workers the daemon's workers (they exist only once it started) */
  public FlushBarrier(List<Root> roots, Supplier<List<TargetWorker>> workers) {
    this(roots, workers, SystemScheduler.INSTANCE);
  }

  /**
   * @param scheduler the flush's deadline is on its ticker and it waits on its waiters; register
   *                  the barrier as a {@link WorkerListener} so commits wake it
   */
  public FlushBarrier(List<Root> roots, Supplier<List<TargetWorker>> workers,
                      Scheduler scheduler) {
    this.roots = List.copyOf(roots);
    this.workers = workers;
    this.scheduler = scheduler;
  }

  /**
   * This barrier, whose flushes first wait for {@code ready}: the daemon's start-up scan
   * (Daemon.scanned), which journals what changed while it was down; a cookie written before
   * that would be journaled ahead of those changes.
   */
  public FlushBarrier after(CompletableFuture<?> ready) {
    this.ready = ready;
    var unused = ready.whenComplete((v, e) -> waiting.forEach(Waiter::wake));
    return this;
  }

  /** A worker committed: a flush waiting for it looks again. */
  @Override
  public void committed(Target target, long index) {
    if (!waiting.isEmpty()) {
      waiting.forEach(Waiter::wake);
    }
  }

  /** The outcome: {@code behind} names what was not there in time (empty on success). */
  public record Result(boolean done, long millis, List<String> behind) {}

  @Override
  public void appended(EventBatch batch, long index) {
    if (pending.isEmpty()) {
      return; // the common case: one volatile read per record
    }
    this.index = index;
    batch.forEach(visitor);
  }

  private void event(EventKind kind, boolean dir, int root, int cookie, byte[] path, int off,
                     int len) {
    if (FlushCookie.is(path, off, len)) {
      String key = root + "/" + new String(path, off, len, StandardCharsets.US_ASCII);
      CompletableFuture<Long> f = pending.remove(key);
      if (f != null) {
        f.complete(index);
        waiting.forEach(Waiter::wake);
      }
    }
  }

  /** Blocks until everything before the call is on every target, or {@code timeoutMillis}. */
  public Result flush(long timeoutMillis) throws IOException, InterruptedException {
    long start = scheduler.nanos();
    long deadline = scheduler.deadlineAfterMillis(timeoutMillis);
    Waiter waiter = scheduler.waiter();
    waiting.add(waiter);
    List<DirHandle> dirs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<CompletableFuture<Long>> seen = new ArrayList<>();
    List<String> behind = new ArrayList<>();
    try {
      while (!ready.isDone() && deadline - scheduler.nanos() > 0) {
        waiter.await(deadline); // the start-up scan's end, or the deadline
      }
      if (!ready.isDone()) {
        behind.add("the start-up scan is still journaling what changed while the daemon was "
            + "down");
        return new Result(false, TimeUnit.NANOSECONDS.toMillis(scheduler.nanos() - start),
            behind);
      }
      for (Root r : roots) {
        DirHandle dir = DirHandle.open(r.watch());
        dirs.add(dir);
        String name = FlushCookie.next();
        CompletableFuture<Long> f = new CompletableFuture<>();
        pending.put(r.id() + "/" + name, f); // before the write: the event may beat us back
        names.add(name);
        seen.add(f);
        dir.createNew(name);
      }
      for (int i = 0; i < roots.size(); i++) {
        Root r = roots.get(i);
        CompletableFuture<Long> f = seen.get(i);
        while (!f.isDone() && deadline - scheduler.nanos() > 0) {
          waiter.await(deadline); // the cookie's event or the deadline
        }
        if (!f.isDone()) {
          behind.add(r.watch() + ": flush cookie not seen (root not watched, or excluded by "
              + "the <filter>?)");
          continue;
        }
        long at = f.join();
        dirs.get(i).remove(names.get(i));
        behind.addAll(awaitWorkers(r, at, deadline, waiter));
      }
    } finally {
      waiting.remove(waiter);
      for (int i = 0; i < names.size(); i++) {
        pending.remove(roots.get(i).id() + "/" + names.get(i));
      }
      for (int i = 0; i < dirs.size(); i++) {
        try (DirHandle d = dirs.get(i)) {
          if (i < names.size()) {
            d.remove(names.get(i)); // gone already after a normal flush
          }
        }
      }
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(scheduler.nanos() - start);
    return new Result(behind.isEmpty(), millis, behind);
  }

  /**
   * Waits until every worker of {@code root} committed past {@code index}; names the late ones.
   * A cursor also moves past a batch that was given up (its paths on the failed list): those
   * paths are not on the target, so a non-empty failed list fails the flush too.
   */
  private List<String> awaitWorkers(Root root, long index, long deadline, Waiter waiter) {
    List<TargetWorker> mine = workers.get().stream()
        .filter(w -> w.target().rootId() == root.id()).toList();
    mine.forEach(TargetWorker::flush); // a batch being collected goes now, not after its window
    while (true) {
      List<String> late = new ArrayList<>();
      for (TargetWorker w : mine) {
        if (w.committedIndex() <= index) {
          late.add(w.target().name() + ": not caught up (" + w.state() + ", "
              + w.backlog() + " journal records behind)");
        }
      }
      if (late.isEmpty() || scheduler.nanos() - deadline >= 0) {
        for (TargetWorker w : mine) {
          long failed = w.failedCount();
          if (failed > 0 && w.committedIndex() > index) {
            late.add(w.target().name() + ": " + failed + " paths on its failed list "
                + "(syncspool replay)");
          }
        }
        return late;
      }
      waiter.await(deadline); // a commit or the deadline
    }
  }

}
