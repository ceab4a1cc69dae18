package org.syncspool.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.syncspool.journal.Cursor;
import org.syncspool.journal.Journal;
import org.syncspool.watch.EventBatch;

/**
 * An in-memory {@link Journal}: records are byte copies of the appended {@link EventBatch}es, a
 * cursor's position is a record number. Semantics follow {@code ChronicleCursor}: reads run ahead
 * of the durable position, {@link Cursor#commit()} makes what was read durable (a no-op when
 * nothing was read since the last commit or rewind), {@link Cursor#rewind()} goes back to the
 * committed position, committed positions survive closing and re-opening a cursor, and a name can
 * be open only once at a time.
 *
 * <p>Every effective commit is recorded ({@link #commits()}), so tests can assert when and how far
 * a worker committed. Thread-safe: one lock guards everything; append listeners are called after
 * the lock is released.
 */
public final class FakeJournal implements Journal {
  /** One effective commit: cursor {@code cursor} made its first {@code upTo} records consumed. */
  public record Commit(String cursor, long upTo) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final List<byte[]> records = new ArrayList<>();
  private final Map<String, Long> committed = new HashMap<>();
  private final Map<String, FakeCursor> open = new HashMap<>();
  private final List<Commit> commits = new ArrayList<>();
  private final List<Runnable> appendListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private long appendCount;
  private Runnable caughtUp;
  private boolean closed;

  @Override
  public void accept(EventBatch batch) {
    if (batch.isEmpty()) {
      return; // as the real journal: an empty batch is not written
    }
    lock.lock();
    try {
      checkOpen();
      records.add(Arrays.copyOf(batch.bytes(), batch.size()));
      appendCount++;
    } finally {
      lock.unlock();
    }
    for (Runnable l : appendListeners) {
      l.run();
    }
  }

  /**
   * Runs {@code hook} once, the next time a cursor finds nothing more to read, on the reading
   * thread; that read still returns nothing. Lets a test append between two reads of a worker.
   */
  public void onceCaughtUp(Runnable hook) {
    lock.lock();
    try {
      caughtUp = hook;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void addAppendListener(Runnable listener) {
    appendListeners.add(listener);
  }

  @Override
  public void removeAppendListener(Runnable listener) {
    appendListeners.remove(listener);
  }

  @Override
  public Cursor cursor(String name) {
    checkName(name);
    lock.lock();
    try {
      checkOpen();
      if (open.containsKey(name)) {
        throw new IllegalStateException("cursor " + name + " is already open on this journal");
      }
      FakeCursor c = new FakeCursor(name);
      open.put(name, c);
      return c;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long appendCount() {
    lock.lock();
    try {
      return appendCount;
    } finally {
      lock.unlock();
    }
  }

  /** Releases waiters; cursors still open are closed (as ChronicleJournal does). */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      open.clear();
    } finally {
      lock.unlock();
    }
  }

  // ---- for tests ----

  /** Records appended so far. */
  public int size() {
    lock.lock();
    try {
      return records.size();
    } finally {
      lock.unlock();
    }
  }

  /** Records of cursor {@code name} not yet committed (all when it never committed). */
  public long backlog(String name) {
    lock.lock();
    try {
      return records.size() - committed.getOrDefault(name, 0L);
    } finally {
      lock.unlock();
    }
  }

  /** The durable position of {@code name}: how many records it consumed (0 if none). */
  public long committed(String name) {
    lock.lock();
    try {
      return committed.getOrDefault(name, 0L);
    } finally {
      lock.unlock();
    }
  }

  /** Every effective commit of every cursor, in order. */
  public List<Commit> commits() {
    lock.lock();
    try {
      return List.copyOf(commits);
    } finally {
      lock.unlock();
    }
  }

  /** Number of effective commits of cursor {@code name}. */
  public int commitCount(String name) {
    return (int) commits().stream().filter(c -> c.cursor().equals(name)).count();
  }

  public boolean isOpen(String name) {
    lock.lock();
    try {
      return open.containsKey(name);
    } finally {
      lock.unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("journal closed");
    }
  }

  /** The names ChronicleJournal accepts: they become Chronicle table-store keys. */
  private static void checkName(String name) {
    if (name == null || name.isEmpty() || name.length() > 200 || name.startsWith("replicated:")
        || name.endsWith(".lock") || name.endsWith(".version")
        || !name.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw new IllegalArgumentException("bad cursor name: " + name);
    }
  }

  private final class FakeCursor implements Cursor {
    private static final long NONE = -1;
    private final String name;
    private long readPos; // next record to read
    private long readUpTo = NONE; // readPos after the latest next(); NONE if none since rewind
    private boolean cursorClosed;

    FakeCursor(String name) {
      this.name = name;
      rewind();
    }

    @Override
    public boolean next(EventBatch into) {
      Runnable hook = null;
      lock.lock();
      try {
        checkUsable();
        if (readPos >= records.size() && caughtUp != null) {
          hook = caughtUp;
          caughtUp = null;
        }
      } finally {
        lock.unlock();
      }
      if (hook != null) {
        hook.run(); // e.g. an append "just after" the read found nothing; this read still misses it
        return false;
      }
      lock.lock();
      try {
        if (readPos >= records.size()) {
          return false;
        }
        byte[] r = records.get((int) readPos);
        System.arraycopy(r, 0, into.prepareLoad(r.length), 0, r.length);
        into.loaded(r.length);
        readUpTo = ++readPos;
        return true;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void commit() {
      lock.lock();
      try {
        checkUsable();
        if (readUpTo == NONE || readUpTo == committed.getOrDefault(name, 0L)) {
          return;
        }
        committed.put(name, readUpTo);
        commits.add(new Commit(name, readUpTo));
      } finally {
        lock.unlock();
      }
    }

    @Override
    public long mark() {
      lock.lock();
      try {
        return readUpTo == NONE ? committed.getOrDefault(name, 0L) : readUpTo;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void commitTo(long mark) {
      lock.lock();
      try {
        checkUsable();
        if (mark <= committed.getOrDefault(name, 0L)) {
          return;
        }
        committed.put(name, mark);
        commits.add(new Commit(name, mark));
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void rewind() {
      lock.lock();
      try {
        checkUsable();
        readUpTo = NONE;
        readPos = committed.getOrDefault(name, 0L);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void skipToEnd() {
      lock.lock();
      try {
        checkUsable();
        readPos = records.size();
        readUpTo = readPos;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public boolean behindRetention() {
      return false; // the fake journal never deletes records
    }

    @Override
    public long backlog() {
      return FakeJournal.this.backlog(name);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void close() {
      lock.lock();
      try {
        cursorClosed = true;
        open.remove(name, this);
      } finally {
        lock.unlock();
      }
    }

    private void checkUsable() {
      if (cursorClosed || closed) {
        throw new IllegalStateException("cursor " + name + " is closed");
      }
    }
  }
}
