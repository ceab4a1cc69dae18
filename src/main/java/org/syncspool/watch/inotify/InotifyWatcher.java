package org.syncspool.watch.inotify;

import static org.syncspool.watch.inotify.InotifyMask.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncspool.config.EventToggles;
import org.syncspool.config.Root;
import org.syncspool.time.Ticker;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventSink;
import org.syncspool.watch.PathFilter;
import org.syncspool.watch.Watcher;

/**
 * The Linux {@link Watcher}: one inotify fd for all roots, one watch per directory, one reader
 * thread ("syncspool-inotify") that polls the fd and an eventfd (for {@link #close()}), reads
 * 256 KiB at a time until EAGAIN and hands ONE {@link EventBatch} per read to the sink
 * (docs/architecture.md, The watcher's hot path: one record per event overflowed the kernel queue
 * in a fresh JVM, one per read never did). What each kernel event becomes is documented on
 * {@link EventTranslator}.
 */
public final class InotifyWatcher implements Watcher {
  private static final Logger log = LoggerFactory.getLogger(InotifyWatcher.class);
  /** 256 KiB: holds ~8000 events with short names per read (docs/architecture.md, Event rules). */
  static final int READ_BUFFER = 256 * 1024;
  /** How long an IN_MOVED_FROM that ended a read waits for its IN_MOVED_TO. */
  static final int PENDING_MOVE_MILLIS = 10;
  /**
   * While the watch limit leaves directories unwatched, they are synced (RESCAN) and retried this
   * often: a change there waits at most this long, instead of forever.
   */
  static final int RETRY_UNWATCHED_MILLIS = 60_000;
  private long nextUnwatchedRetry;

  private final List<Root> roots;
  private final EventSink sink;
  private final LongSupplier clock;
  private final Ticker ticker;
  private final LibC c = Native.C;
  private final WatchTable table = new WatchTable();
  private final InotifyDecoder decoder = new InotifyDecoder();
  private final EventBatch batch = new EventBatch(READ_BUFFER * 2);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();
  private final int fd;
  private final int wakeFd;
  private final Watches watches;
  private final EventTranslator translator;
  private final EventToggles toggles;
  private final PathFilter filter;
  private Thread thread;

  /**
   * Opens the inotify instance (no watches yet: see {@link #start()}).
   *
   * @param roots  root index in the journal = {@link Root#id()}
   * @param clockMillis stamps each batch ({@link EventBatch#timeMillis()})
   * @param ticker      times the retries of unwatched directories (a monotonic clock)
   * @throws IOException when inotify or eventfd cannot be opened (fs.inotify.max_user_instances)
   */
  public InotifyWatcher(List<Root> roots, EventToggles toggles, PathFilter filter,
                        EventSink sink, LongSupplier clockMillis, Ticker ticker)
      throws IOException {
    this.roots = List.copyOf(roots);
    this.sink = sink;
    this.clock = clockMillis;
    this.ticker = ticker;
    fd = c.inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) {
      throw new IOException("inotify_init1 failed: " + Native.describe(Native.errno())
          + " (EMFILE: raise fs.inotify.max_user_instances)");
    }
    wakeFd = c.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wakeFd < 0) {
      int e = Native.errno();
      c.close(fd);
      throw new IOException("eventfd failed: " + Native.describe(e));
    }
    byte[][] rootDirs = new byte[this.roots.size()][];
    int[] rootIds = new int[this.roots.size()];
    for (int i = 0; i < rootDirs.length; i++) {
      rootDirs[i] = NativeFs.bytes(this.roots.get(i).watch());
      rootIds[i] = this.roots.get(i).id();
    }
    watches = new Watches(new SystemWatchKernel(fd, mask(toggles)), rootDirs, rootIds, filter,
        table, () -> ticker.nanos() / 1_000_000);
    translator = new EventTranslator(table, watches, toggles, filter, rootIds);
    this.toggles = toggles;
    this.filter = filter;
  }

  /**
   * Runs the hot path over synthetic events into {@code scratch} (never the real journal) so
   * it is compiled before a burst: call before {@link #start()}. See {@link HotPathWarmup}.
   *
   * @return events processed
   */
  public long warmUp(EventSink scratch) {
    // 25 reads of 4000 events: 100k events, ~10 invocations of the per-read code per 1000 of
    // the per-event code, enough for C2 on both; ~100-200 ms on a cold JVM here.
    return HotPathWarmup.run(toggles, filter, roots.isEmpty() ? 0 : roots.get(0).id(), scratch, 25);
  }

  /** The subscription: what keeps the tree right, plus what the toggles journal. */
  static int mask(EventToggles t) {
    return TREE | (t.closeWrite() ? IN_CLOSE_WRITE : 0) | (t.attrib() ? IN_ATTRIB : 0)
        | (t.modify() ? IN_MODIFY : 0);
  }

  @Override
  public void start() throws IOException {
    if (closed.get()) {
      throw new IOException("watcher is closed");
    }
    if (!started.compareAndSet(false, true)) {
      return;
    }
    batch.reset(clock.getAsLong());
    for (int i = 0; i < roots.size(); i++) {
      int before = table.size();
      watches.addTree(i, new byte[0], batch);
      log.info("watching {}: {} directories", roots.get(i).watch(), table.size() - before);
    }
    if (!batch.isEmpty()) {
      sink.accept(batch); // RESCANs of directories that could not be watched
    }
    thread = new Thread(this::run, "syncspool-inotify");
    thread.setDaemon(false);
    thread.start();
  }

  @Override
  public int watchCount() {
    return table.size();
  }

  private void run() {
    Pointer fds = Memory.allocateDirect(Native.runtime(), 16);
    ByteBuffer direct = ByteBuffer.allocateDirect(READ_BUFFER);
    byte[] bytes = new byte[READ_BUFFER];
    fds.putInt(0, fd);
    fds.putShort(4, POLLIN);
    fds.putInt(8, wakeFd);
    fds.putShort(12, POLLIN);
    // No catch here: an exception ends this thread, and the daemon exits 70 so that a restart
    // rescans the roots (service/Daemon.java, watchDeathsOf). Continuing would drop what the
    // failed read held, silently.
    while (!closed.get() && pollOnce(fds, direct, bytes)) {
      // each turn is one poll
    }
  }

  /** One poll and what it found; false when woken for close. */
  private boolean pollOnce(Pointer fds, ByteBuffer direct, byte[] bytes) {
    fds.putShort(6, (short) 0);
    fds.putShort(14, (short) 0);
    int timeout = decoder.hasPending() ? PENDING_MOVE_MILLIS
        : watches.hasUnwatched() ? RETRY_UNWATCHED_MILLIS : -1;
    int r = c.poll(fds, 2, timeout);
    if (r < 0) {
      int e = Native.errno();
      if (e != EINTR) {
        throw new IllegalStateException("inotify reader: poll failed: " + Native.describe(e));
      }
      return true;
    }
    if ((fds.getShort(14) & POLLIN) != 0 || closed.get()) {
      return false;
    }
    if (r == 0) { // the IN_MOVED_TO never came: moved out of the tree
      translator.into(batch.reset(clock.getAsLong()));
      decoder.flushPending(translator);
      emit();
    }
    retryUnwatchedWhenDue();
    if (r == 0) {
      return true;
    }
    drain(direct, bytes);
    return true;
  }

  private void drain(ByteBuffer direct, byte[] bytes) {
    while (true) {
      long n = c.read(fd, direct, READ_BUFFER);
      if (n < 0) {
        int e = Native.errno();
        if (e == EINTR) {
          continue;
        }
        if (e != EAGAIN) {
          throw new IllegalStateException("inotify reader: read failed: " + Native.describe(e));
        }
        return;
      }
      if (n == 0) {
        return;
      }
      direct.get(0, bytes, 0, (int) n);
      translator.into(batch.reset(clock.getAsLong()));
      int used = decoder.decode(bytes, 0, (int) n, translator);
      if (used != n) {
        throw new IllegalStateException("inotify reader: a truncated record (" + used + " of "
            + n + " bytes decoded)");
      }
      emit();
    }
  }

  private void retryUnwatchedWhenDue() {
    if (!watches.hasUnwatched()) {
      return;
    }
    long now = ticker.nanos() / 1_000_000;
    if (nextUnwatchedRetry == 0) {
      nextUnwatchedRetry = now + RETRY_UNWATCHED_MILLIS;
      return;
    }
    if (now >= nextUnwatchedRetry) {
      nextUnwatchedRetry = now + RETRY_UNWATCHED_MILLIS;
      translator.into(batch.reset(clock.getAsLong()));
      watches.retryUnwatched(batch);
      emit();
    }
  }

  private void emit() {
    if (!batch.isEmpty()) {
      sink.accept(batch);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Thread t = thread;
    if (t != null) {
      c.write(wakeFd, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, 8);
      if (t != Thread.currentThread()) {
        try {
          t.join(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
          log.warn("inotify reader did not stop within 10 s (a slow sink?); closing its fds anyway");
        }
      }
    }
    c.close(fd); // removes every watch
    c.close(wakeFd);
  }
}
