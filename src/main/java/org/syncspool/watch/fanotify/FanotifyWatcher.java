package org.syncspool.watch.fanotify;

import static org.syncspool.watch.fanotify.sys.FanConst.*;

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
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventSink;
import org.syncspool.watch.PathFilter;
import org.syncspool.watch.Watcher;
import org.syncspool.watch.fanotify.sys.FanLibC;
import org.syncspool.watch.fanotify.sys.Sys;
import org.syncspool.watch.inotify.NativeFs;

/**
 * The whole-filesystem {@link Watcher}: one fanotify group with a filesystem mark per file system
 * under the roots ({@link FanotifyGroup}), so nothing is added per directory and a new directory
 * has no race. One reader thread ("syncspool-fanotify") polls the group's fd and an eventfd (for
 * {@link #close()}), reads 256 KiB at a time until EAGAIN and hands ONE {@link EventBatch} per
 * read to the sink, as the inotify watcher does. What each event becomes:
 * {@link FanotifyTranslator}.
 */
public final class FanotifyWatcher implements Watcher {
  private static final Logger log = LoggerFactory.getLogger(FanotifyWatcher.class);
  static final int READ_BUFFER = 256 * 1024;
  /** The reader thread's name (the daemon exits 70 when it dies: service/Daemon). */
  public static final String THREAD = "syncspool-fanotify";
  /** Directories whose path is cached: the busy ones; the rest cost a lookup each. */
  static final int CACHE_ENTRIES = 65_536;

  private final FanLibC c = Sys.C;
  private final FanotifyGroup group;
  private final EventSink sink;
  private final LongSupplier clock;
  private final FanotifyDecoder decoder = new FanotifyDecoder();
  private final FanotifyTranslator translator;
  private final EventBatch batch = new EventBatch(READ_BUFFER * 2);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();
  private final int wakeFd;
  private final EventToggles toggles;
  private final PathFilter filter;
  private final byte[] firstRoot;
  private final int firstRootId;
  private Thread thread;

  /** The event mask for these toggles: {@link FanotifyGroup#TREE} plus what is journaled. */
  public static long mask(EventToggles t) {
    return FanotifyGroup.TREE | (t.closeWrite() ? FAN_CLOSE_WRITE : 0)
        | (t.attrib() ? FAN_ATTRIB : 0) | (t.modify() ? FAN_MODIFY : 0);
  }

  /** The roots' real paths as /proc/self/fd names directories (symlinks resolved). */
  public static List<byte[]> realPaths(List<Root> roots) throws IOException {
    List<byte[]> out = new java.util.ArrayList<>();
    for (Root r : roots) {
      out.add(NativeFs.bytes(r.watch().toRealPath()));
    }
    return out;
  }

  /**
   * Takes over {@code group} (made by {@link FanotifyGroup#open} for the same roots); reading
   * starts with {@link #start()}.
   */
  public FanotifyWatcher(FanotifyGroup group, List<Root> roots, EventToggles toggles,
                         PathFilter filter, EventSink sink, LongSupplier clockMillis)
      throws IOException {
    this.group = group;
    this.sink = sink;
    this.clock = clockMillis;
    List<byte[]> paths = realPaths(roots);
    int[] ids = roots.stream().mapToInt(Root::id).toArray();
    translator = new FanotifyTranslator(new HandleCache(CACHE_ENTRIES), group.resolver(),
        paths.toArray(byte[][]::new), ids, toggles, filter);
    this.toggles = toggles;
    this.filter = filter;
    this.firstRoot = paths.isEmpty() ? new byte[] {'/'} : paths.get(0);
    this.firstRootId = ids.length == 0 ? 0 : ids[0];
    wakeFd = c.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wakeFd < 0) {
      throw new IOException("eventfd failed: " + Sys.describe(Sys.errno()));
    }
  }

  /**
   * Compiles the reader's hot path on synthetic events into {@code scratch} (never the real
   * journal) before {@link #start}: {@link FanotifyWarmup}.
   *
   * @return events decoded
   */
  public long warmUp(EventSink scratch) {
    // 34 reads of 3000 events: about 100k, as inotify's warm-up (HotPathWarmup)
    return FanotifyWarmup.run(toggles, filter, firstRoot, firstRootId, scratch, 34);
  }

  @Override
  public void start() throws IOException {
    if (closed.get()) {
      throw new IOException("watcher is closed");
    }
    if (!started.compareAndSet(false, true)) {
      return;
    }
    thread = new Thread(this::run, THREAD);
    thread.setDaemon(false);
    thread.start();
  }

  /** Filesystem marks: there is no per-directory watch. */
  @Override
  public int watchCount() {
    return group.markCount();
  }

  @Override
  public String counted() {
    int n = group.markCount();
    return n + (n == 1 ? " filesystem mark" : " filesystem marks");
  }

  @Override
  public String describe() {
    return "whole file systems with fanotify, " + group.describeMarks() + "; "
        + FanotifyLimits.read().describe() + ";";
  }

  private void run() {
    Pointer fds = Memory.allocateDirect(Sys.runtime(), 16);
    ByteBuffer direct = ByteBuffer.allocateDirect(READ_BUFFER);
    byte[] bytes = new byte[READ_BUFFER];
    fds.putInt(0, group.fd);
    fds.putShort(4, POLLIN);
    fds.putInt(8, wakeFd);
    fds.putShort(12, POLLIN);
    // No catch here: an exception ends this thread, and the daemon exits 70 so that a restart
    // rescans the roots (service/Daemon.java, watchDeathsOf). Continuing would drop what the
    // failed read held, silently.
    while (!closed.get()) {
      fds.putShort(6, (short) 0);
      fds.putShort(14, (short) 0);
      int r = c.poll(fds, 2, -1);
      if (r < 0) {
        int e = Sys.errno();
        if (e != EINTR) {
          throw new IllegalStateException("fanotify reader: poll failed: " + Sys.describe(e));
        }
        continue;
      }
      if ((fds.getShort(14) & POLLIN) != 0 || closed.get()) {
        break;
      }
      drain(direct, bytes);
    }
  }

  private void drain(ByteBuffer direct, byte[] bytes) {
    while (true) {
      long n = c.read(group.fd, direct, READ_BUFFER);
      if (n < 0) {
        int e = Sys.errno();
        if (e == EINTR) {
          continue;
        }
        if (e != EAGAIN) {
          throw new IllegalStateException("fanotify reader: read failed: " + Sys.describe(e));
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
        throw new IllegalStateException("fanotify reader: a truncated event (" + used + " of "
            + n + " bytes decoded)");
      }
      if (!batch.isEmpty()) {
        sink.accept(batch);
      }
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
          log.warn("fanotify reader did not stop within 10 s (a slow sink?); closing its fds "
              + "anyway");
        }
      }
    }
    group.close();
    c.close(wakeFd);
  }
}
