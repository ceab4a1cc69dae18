package org.syncspool.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.syncspool.watch.EventBatch;
import org.jspecify.annotations.Nullable;

/**
 * The journal as a Chronicle {@link SingleChronicleQueue}: one document per {@link EventBatch},
 * the batch bytes verbatim; one named-tailer index per {@link Cursor} (see {@link ChronicleCursor}).
 *
 * <p>{@link #accept}, {@link #cursor}, {@link #backlog(String)} and the append listeners may be
 * used from any thread; appends are serialized by a lock (the watcher and the start-up scan both
 * append). Stop the threads that use cursors before {@link #close()}: closing unmaps the files
 * they read.
 */
public final class ChronicleJournal implements Journal {
  /**
   * Hourly files ({@code yyyyMMdd-HH'F'.cq4}). Retention deletes whole cycle files and may not
   * delete past the slowest cursor (docs/architecture.md, Journal and cursors), so the cycle is the
   * unit in which consumed journal is given back: with hourly files that is at most an hour of
   * events beyond the retention window, where a daily file holds a burst day's worth until
   * midnight. 24 files a day is nothing for a directory listing. Up to 2^32 records per hour.
   */
  static final RollCycle ROLL_CYCLE = RollCycles.FAST_HOURLY;
  /**
   * Largest record: Chronicle caps a document at a quarter of its block size (64 MiB by default),
   * measured here (16 MiB + 1 KiB failed). The watcher's 256 KiB read buffer is far below it;
   * whoever journals scan results must split them.
   */
  public static final int MAX_RECORD_BYTES = 16 << 20;
  /** The table-store key prefix under which Chronicle keeps a named tailer's index. */
  static final String INDEX_KEY = "index.";

  private final Path dir;
  private final SingleChronicleQueue queue;
  private final boolean readOnly;
  private final AtomicLong appends = new AtomicLong();
  /** Copied on write; an array so that calling them allocates nothing (the watcher's hot path). */
  private volatile Runnable[] appendListeners = new Runnable[0];
  private final Map<String, ChronicleCursor> open = new ConcurrentHashMap<>();
  /**
   * Guarded by {@code this}: the watcher's thread appends, and so does the start-up scan on the
   * main thread while the watches already run (an unguarded appender shared by the two lost
   * events under churn: ChurnIT's kill -9 variant).
   */
  private @Nullable ExcerptAppender appender;
  private volatile long lastAppended = -1;
  /** The cycle of the latest append (guarded by {@code this}, as the appender). */
  private int lastCycle = Integer.MIN_VALUE;
  private volatile java.util.function.Consumer<JournalCheck.Damage> onDamage = d -> { };

  private ChronicleJournal(Path dir, SingleChronicleQueue queue, boolean readOnly) {
    this.dir = dir;
    this.queue = queue;
    this.readOnly = readOnly;
  }

  /** Opens or creates the journal in {@code dir} (created mode 0700 where the file system has modes). */
  public static ChronicleJournal open(Path dir) {
    return open(dir, null);
  }

  /** {@link #open(Path)} with a clock for the roll cycle; tests roll cycles with it. */
  static ChronicleJournal open(Path dir, @Nullable TimeProvider time) {
    createPrivateDir(dir);
    SingleChronicleQueueBuilder builder = builder(dir).storeFileListener(PRIVATE_FILES);
    if (time != null) {
      builder.timeProvider(time);
    }
    ChronicleJournal j = new ChronicleJournal(dir, builder.build(), false);
    makeAllPrivate(dir);
    return j;
  }

  /**
   * Opens an existing journal without writing to it, e.g. for {@code status} while the daemon
   * runs. Reading and {@link #backlog(String)} work; {@link #accept} and {@link Cursor#commit()}
   * throw. Chronicle cannot create named tailers on a read-only queue, so the cursors of a
   * read-only journal read the committed index from the table store directly.
   *
   * @throws IllegalArgumentException when {@code dir} holds no journal (nothing is created)
   */
  public static ChronicleJournal openReadOnly(Path dir) {
    if (!Files.isRegularFile(dir.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE))) {
      throw new IllegalArgumentException("no journal in " + dir);
    }
    return new ChronicleJournal(dir, builder(dir).readOnly(true).build(), true);
  }

  private static SingleChronicleQueueBuilder builder(Path dir) {
    return SingleChronicleQueueBuilder.binary(dir).rollCycle(ROLL_CYCLE);
  }

  /**
   * Chronicle creates its files with the process umask (0644 under systemd's 022): each cycle
   * file is made 0600 when Chronicle acquires it, the metadata when the queue opens (issue 10
   * item 8). The directory is 0700 already; this keeps a copy or a loosened directory private.
   */
  private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rw-------");
  private static final StoreFileListener PRIVATE_FILES = new StoreFileListener() {
    @Override public void onAcquired(int cycle, java.io.File file) {
      makePrivate(file.toPath());
    }

    @Override public void onReleased(int cycle, java.io.File file) {
      // nothing to do
    }
  };

  private static void makePrivate(Path file) {
    try {
      if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          && !PRIVATE.equals(Files.getPosixFilePermissions(file,
              java.nio.file.LinkOption.NOFOLLOW_LINKS))) {
        Files.setPosixFilePermissions(file, PRIVATE);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // a file system without modes: the 0700 directory is the protection there
    }
  }

  /**
   * Called with the damage a reader found (on the reader's thread) before it throws
   * {@link JournalDamagedException}; the daemon's handler marks the journal and ends the process.
   */
  public void onDamage(java.util.function.Consumer<JournalCheck.Damage> handler) {
    this.onDamage = handler;
  }

  JournalDamagedException damaged(long index, String reason, @Nullable Throwable cause) {
    JournalCheck.Damage d = index < 0 ? new JournalCheck.Damage(dir, reason)
        : new JournalCheck.Damage(JournalCheck.fileOf(queue, index),
            "record " + indexText(index) + ": " + reason);
    try {
      onDamage.accept(d);
    } catch (RuntimeException e) {
      cause = cause == null ? e : cause;
    }
    return new JournalDamagedException(d, cause);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the batch is over {@link #MAX_RECORD_BYTES}
   */
  @Override
  public void accept(EventBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    if (batch.size() > MAX_RECORD_BYTES) {
      throw new IllegalArgumentException("journal record of " + batch.size()
          + " bytes is over " + MAX_RECORD_BYTES + ": split the batch");
    }
    append(batch);
    appends.incrementAndGet();
    Runnable[] ls = appendListeners;
    for (int i = 0; i < ls.length; i++) {
      ls[i].run();
    }
  }

  @Override
  public synchronized void addAppendListener(Runnable listener) {
    Runnable[] ls = java.util.Arrays.copyOf(appendListeners, appendListeners.length + 1);
    ls[ls.length - 1] = listener;
    appendListeners = ls;
  }

  @Override
  public synchronized void removeAppendListener(Runnable listener) {
    List<Runnable> ls = new java.util.ArrayList<>(List.of(appendListeners));
    ls.remove(listener);
    appendListeners = ls.toArray(Runnable[]::new);
  }

  /** One writer at a time; uncontended in steady state (the watcher alone appends). */
  private synchronized void append(EventBatch batch) {
    ExcerptAppender a = appender;
    if (a == null) {
      if (readOnly) {
        throw new UnsupportedOperationException("journal opened read-only: " + dir);
      }
      a = appender = queue.createAppender();
      // Used by more than one thread, never at once (this lock): Chronicle's check would refuse.
      a.singleThreadedCheckDisabled(true);
    }
    // Copy straight into the mapped document: no intermediate Bytes, nothing allocated.
    try (DocumentContext dc = a.writingDocument()) {
      try {
        dc.wire().bytes().write(batch.bytes(), 0, batch.size());
      } catch (RuntimeException | Error e) {
        dc.rollbackOnClose();
        throw e;
      }
    }
    lastAppended = a.lastIndexAppended();
    int cycle = a.cycle();
    if (cycle != lastCycle) {
      // a new cycle file (hourly): made private once it exists; allocation-free otherwise
      lastCycle = cycle;
      makeAllPrivate(dir);
    }
  }

  /** Every file of the journal in {@code dir} 0600 (issue 10 item 8). */
  private static void makeAllPrivate(Path dir) {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      files.forEach(ChronicleJournal::makePrivate);
    } catch (IOException | UncheckedIOException e) {
      // listed again at the next cycle; the directory is 0700 meanwhile
    }
  }

  @Override
  public Cursor cursor(String name) {
    checkName(name);
    ChronicleCursor cursor = new ChronicleCursor(this, name);
    if (open.putIfAbsent(name, cursor) != null) {
      cursor.closeTailer();
      throw new IllegalStateException("cursor " + name + " is already open on this journal");
    }
    return cursor;
  }

  /**
   * The index of the latest record appended, or -1. Read right after an {@link #accept} on the
   * watcher's thread, it is that record's index, or a later one if the start-up scan appended in
   * between (a flush then waits a little longer, never too little).
   */
  @Override
  public long lastAppendedIndex() {
    return lastAppended;
  }

  @Override
  public long appendCount() {
    return appends.get();
  }

  /** Names of the cursors that exist on disk (have been opened at least once), sorted. */
  public SortedSet<String> cursorNames() {
    SortedSet<String> names = new TreeSet<>();
    queue.metaStore().forEachKey(names, (acc, key, value) -> {
      String k = key.toString();
      if (k.startsWith(INDEX_KEY) && !k.endsWith(".lock") && !k.endsWith(".version")) {
        acc.add(k.substring(INDEX_KEY.length()));
      }
    });
    return names;
  }

  /**
   * Records after the committed position of the cursor called {@code name}; every record when
   * that cursor does not exist. Exact (whole cycles are counted from their index), not an estimate.
   */
  public long backlog(String name) {
    return ChronicleCursor.backlog(queue, committedIndex(name));
  }

  /**
   * The time stamped on the last record (when its events were read from the kernel), or 0 for
   * an empty journal: the start-up scan looks for what changed after it.
   */
  public long lastRecordMillis() {
    try (net.openhft.chronicle.queue.ExcerptTailer t = queue.createTailer()) {
      t.direction(net.openhft.chronicle.queue.TailerDirection.BACKWARD).toEnd();
      try (DocumentContext dc = t.readingDocument()) {
        if (!dc.isPresent()) {
          return 0;
        }
        net.openhft.chronicle.bytes.Bytes<?> bytes = dc.wire().bytes();
        int len = (int) bytes.readRemaining();
        EventBatch b = new EventBatch(len);
        bytes.read(b.prepareLoad(len), 0, len);
        b.loaded(len);
        return b.timeMillis();
      }
    }
  }

  /** The index of the last record in the journal (any process's), or -1 when it is empty. */
  public long lastIndex() {
    return queue.lastIndex();
  }

  /**
   * Hands each record after index {@code after} to {@code each}, up to the end of the journal
   * as it is now (the audit's race check: what changed on the source while it ran). The batch
   * is reused between calls.
   */
  public void readAfter(long after, java.util.function.Consumer<EventBatch> each) {
    try (net.openhft.chronicle.queue.ExcerptTailer t = queue.createTailer()) {
      if (after >= 0) {
        if (!t.moveToIndex(after)) {
          t.toStart();
        } else {
          // the record at "after" itself was there before: read past it
          t.readingDocument().close();
        }
      }
      EventBatch b = new EventBatch(4096);
      while (true) {
        try (DocumentContext dc = t.readingDocument()) {
          if (!dc.isPresent()) {
            return;
          }
          net.openhft.chronicle.bytes.Bytes<?> bytes = dc.wire().bytes();
          int len = (int) bytes.readRemaining();
          bytes.read(b.prepareLoad(len), 0, len);
          b.loaded(len);
        }
        each.accept(b);
      }
    }
  }

  /** True when the journal holds no record at all (a first start, or one that never saw one). */
  public boolean isEmpty() {
    return queue.lastIndex() < 0;
  }

  public boolean readOnly() {
    return readOnly;
  }

  public Path dir() {
    return dir;
  }

  /** A record index as people read it: {@code CYCLE:SEQUENCE} (the hour file, the record in it). */
  public String indexText(long index) {
    RollCycle rc = queue.rollCycle();
    return rc.toCycle(index) + ":" + rc.toSequenceNumber(index);
  }

  /** A reader of every record from the first, with indexes; moves no cursor. */
  public JournalReader reader() {
    return new JournalReader(this);
  }

  /**
   * The durable index of cursor {@code name} (the first record it has not consumed), or
   * {@link Long#MIN_VALUE} if never committed (it reads from the start).
   */
  public long committedIndex(String name) {
    if (!cursorNames().contains(name)) {
      // a read-only table store throws for a missing key, a writable one would create it
      return ChronicleCursor.NONE;
    }
    return ChronicleCursor.normalize(queue.tableStoreGet(INDEX_KEY + name));
  }

  SingleChronicleQueue queue() {
    return queue;
  }

  void closed(ChronicleCursor cursor) {
    open.remove(cursor.name(), cursor);
  }

  @Override
  public void close() {
    for (ChronicleCursor c : open.values()) {
      c.close();
    }
    synchronized (this) {
      if (appender != null) {
        appender.close();
      }
    }
    queue.close();
  }

  /**
   * Cursor names become table-store keys next to Chronicle's own: "replicated:" switches on
   * Chronicle's replicated-tailer locking, and ".lock"/".version" keys belong to it.
   */
  static void checkName(String name) {
    if (name == null || name.isEmpty() || name.length() > 200 || name.startsWith("replicated:")
        || name.endsWith(".lock") || name.endsWith(".version")
        || !name.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw new IllegalArgumentException("bad cursor name (printable ASCII, no spaces, "
          + "1-200 chars, not replicated:*, *.lock, *.version): " + name);
    }
  }

  private static void createPrivateDir(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        return;
      }
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectory(dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException raced) {
      // another process made it between our check and create: fine if it is a directory
      if (!Files.isDirectory(dir)) {
        throw new UncheckedIOException(raced);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create journal directory " + dir, e);
    }
  }
}
