package org.syncspool.service;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;
import org.syncspool.config.Root;
import org.syncspool.fs.FileSystem;
import org.syncspool.fs.FileType;
import org.syncspool.fs.NativeFileSystem;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;
import org.syncspool.watch.EventSink;
import org.syncspool.watch.PathFilter;

/**
 * Finds what changed while nobody watched (the daemon was down, or killed with events still in
 * the kernel's queue) and journals it, so a restart sends only that instead of a full rsync of
 * the tree across the network. Local work only: one statx per entry.
 *
 * <p>What "changed" means: ctime at or after {@code since} (the last journaled event minus a
 * margin). ctime moves on every write, chmod, link and rename and cannot be set back by a user.
 * <ul>
 *   <li>a changed file: synced flat;</li>
 *   <li>a changed directory (entries added, removed or renamed in it, or it was itself renamed or
 *       moved in, in which case its content keeps old ctimes): synced with its subtree; the scan
 *       does not descend further;</li>
 *   <li>the changed root: its direct entries are reconciled ({@link EventKind#LISTING}), which
 *       deletes on the target what was deleted at the top level.</li>
 * </ul>
 * A deleted file or directory changes its parent's ctime, so deletions are covered by the
 * parent's subtree or listing.
 */
final class RecoveryScan {
  /** Records are cut at about this size (the journal takes up to 16 MiB per record). */
  private static final int RECORD_BYTES = 1 << 20;

  private final FileSystem fs;
  private final PathFilter filter;
  private final EventSink sink;
  private final LongSupplier clock;
  private final EventBatch batch = new EventBatch(RECORD_BYTES + 8192);
  private long files;
  private long dirs;
  private long scanned;
  /** Hears the entries checked so far, every {@link #COUNT_EVERY} (the progress board's). */
  private java.util.function.LongConsumer counted = n -> { };
  static final int COUNT_EVERY = 1024;
  /** True once the daemon is closing: the scan stops at the next entry ({@link Stopped}). */
  private java.util.function.BooleanSupplier stopping = () -> false;

  /** Thrown by {@link #scan} when {@link #stopping} said so; what was found so far is journaled. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped(long scanned) {
      super("stopped after " + scanned + " entries", null, false, false);
    }
  }

  RecoveryScan(PathFilter filter, EventSink sink, LongSupplier clock) {
    this(NativeFileSystem.INSTANCE, filter, sink, clock);
  }

  RecoveryScan(FileSystem fs, PathFilter filter, EventSink sink, LongSupplier clock) {
    this.fs = fs;
    this.filter = filter;
    this.sink = sink;
    this.clock = clock;
  }

  /** This scan, telling {@code counted} the entries checked so far every 1024 of them. */
  RecoveryScan counting(java.util.function.LongConsumer counted) {
    this.counted = counted;
    return this;
  }

  /** This scan, stopping (with {@link Stopped}) as soon as {@code stop} says so. */
  RecoveryScan stopping(java.util.function.BooleanSupplier stop) {
    this.stopping = stop;
    return this;
  }

  /** What the scan found, for one log line. */
  record Found(long scanned, long files, long dirs) {}

  Found scan(List<Root> roots, long sinceMillis) throws IOException {
    batch.reset(clock.getAsLong());
    for (Root root : roots) {
      scanRoot(root.id(), FileSystem.bytes(root.watch()), sinceMillis);
    }
    flush();
    return new Found(scanned, files, dirs);
  }

  private void scanRoot(int rootId, byte[] rootAbs, long since) throws IOException {
    if (fs.ctimeMillis(rootAbs) >= since) {
      add(EventKind.LISTING, true, rootId, new byte[0]);
    }
    Deque<byte[]> todo = new ArrayDeque<>();
    todo.push(new byte[0]);
    while (!todo.isEmpty()) {
      byte[] rel = todo.pop();
      byte[] abs = rel.length == 0 ? rootAbs : FileSystem.join(rootAbs, rel, 0, rel.length);
      try {
        fs.list(abs, (name, off, len, type) -> {
          byte[] r = FileSystem.join(rel, name, off, len);
          if (!filter.excluded(r, 0, r.length)) {
            visit(rootId, rootAbs, r, type, since, todo);
          }
        });
      } catch (NoSuchFileException e) {
        // removed since it was listed: its parent's ctime covers that
      }
    }
  }

  private void visit(int rootId, byte[] rootAbs, byte[] rel, FileType type, long since,
                     Deque<byte[]> todo) throws IOException {
    if (stopping.getAsBoolean()) {
      flush();
      batch.reset(clock.getAsLong());
      throw new Stopped(scanned);
    }
    scanned++;
    if (scanned % COUNT_EVERY == 0) {
      counted.accept(scanned);
    }
    byte[] abs = FileSystem.join(rootAbs, rel, 0, rel.length);
    FileType t = type == FileType.UNKNOWN ? fs.type(abs) : type;
    long ctime = fs.ctimeMillis(abs);
    if (ctime < 0) {
      return; // gone: the parent's ctime covers it
    }
    boolean dir = t == FileType.DIRECTORY;
    if (ctime >= since) {
      add(dir ? EventKind.RESCAN : EventKind.CLOSE_WRITE, dir, rootId, rel);
      if (dir) {
        dirs++;
      } else {
        files++;
      }
    } else if (dir) {
      todo.push(rel);
    }
  }

  private void add(EventKind kind, boolean dir, int root, byte[] rel) {
    batch.add(kind, dir, root, 0, rel, 0, rel.length);
    if (batch.size() >= RECORD_BYTES) {
      flush();
      batch.reset(clock.getAsLong());
    }
  }

  private void flush() {
    if (!batch.isEmpty()) {
      sink.accept(batch);
    }
  }
}
