package org.syncspool.failures;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.syncspool.dirfd.NoFollow;
import org.jspecify.annotations.Nullable;

/**
 * One target's failed-transfer list: JSON lines ({@link EntryCodec}), mode 0600, each append
 * fsynced. Appends (the daemon) and rewrites (a replay, maybe in another process) take an
 * exclusive lock on {@code FILE.lock}; a rewrite replaces the file atomically and keeps whatever
 * was appended while the replay ran. Appends open the file by name each time, so they never
 * write into a replaced inode. Malformed lines are reported with their line number and moved to
 * {@code FILE.rejected} by the next rewrite: skipped, never silently lost.
 */
public final class FailedList {
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  /** File locks are per process; threads of one JVM serialize on this first. */
  private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

  private final Path file;
  private final Path lockFile;
  private final Path replayLockFile;
  private long cachedLength = -1;
  private long cachedMtime;
  private long cachedCount;

  public FailedList(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.lockFile = Path.of(this.file + ".lock");
    this.replayLockFile = Path.of(this.file + ".replay.lock");
  }

  /**
   * Where a target's list lives: {@code dir/PREFIX.CURSOR.jsonl}. With sersync's
   * {@code failLog path="/x/rsync_fail_log.sh"} the directory is {@code /x} and the prefix
   * {@code rsync_fail_log}; without it, {@code STATEDIR/failed/failed}.
   */
  public static Path fileFor(@Nullable Path failLogPath, Path stateDir, String cursorName) {
    Path dir;
    String prefix;
    if (failLogPath == null) {
      dir = stateDir.resolve("failed");
      prefix = "failed";
    } else {
      dir = java.util.Objects.requireNonNull(failLogPath.toAbsolutePath().getParent());
      String base = failLogPath.getFileName().toString();
      int dot = base.lastIndexOf('.');
      prefix = dot > 0 ? base.substring(0, dot) : base;
    }
    return dir.resolve(prefix + "." + cursorName + ".jsonl");
  }

  public Path file() {
    return file;
  }

  /** Appends and fsyncs; the entries are on disk when this returns. */
  public void append(List<FailedEntry> entries) throws IOException {
    if (entries.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    for (FailedEntry e : entries) {
      sb.append(EntryCodec.encode(e)).append('\n');
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    lockedDo(() -> {
      try (FileChannel ch = NoFollow.open(file, Set.of(StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE),
          OWNER_ONLY)) {
        writeFully(ch, bytes);
        ch.force(true);
      }
    });
  }

  /** A consistent read of the list, for a replay. */
  public Snapshot read() throws IOException {
    return locked(this::readUnlocked);
  }

  private Snapshot readUnlocked() throws IOException {
    List<FailedEntry> entries = new ArrayList<>();
    List<Malformed> bad = new ArrayList<>();
    long bytes;
    try (FileChannel ch = NoFollow.open(file, Set.of(StandardOpenOption.READ))) {
      bytes = ch.size();
      BufferedReader r = new BufferedReader(new InputStreamReader(
          Channels.newInputStream(ch), StandardCharsets.UTF_8));
      String line;
      int no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank()) {
          continue;
        }
        try {
          entries.add(EntryCodec.decode(line));
        } catch (IllegalArgumentException e) {
          bad.add(new Malformed(no, line, String.valueOf(e.getMessage())));
        }
      }
    } catch (NoSuchFileException e) {
      return new Snapshot(List.of(), List.of(), 0);
    }
    return new Snapshot(entries, bad, bytes);
  }

  /**
   * Replaces the part of the list {@code read} covered by {@code keep} (what is still failing);
   * lines appended since {@code read} are kept as they are; its malformed lines move to
   * {@code FILE.rejected}.
   */
  public void rewrite(Snapshot read, List<FailedEntry> keep) throws IOException {
    lockedDo(() -> {
      byte[] since = new byte[0];
      try (FileChannel ch = NoFollow.open(file, Set.of(StandardOpenOption.READ))) {
        long extra = ch.size() - read.bytes();
        if (extra > 0) {
          since = new byte[(int) extra];
          ch.position(read.bytes());
          ByteBuffer buf = ByteBuffer.wrap(since);
          while (buf.hasRemaining() && ch.read(buf) >= 0) {
            // read it all
          }
        }
      } catch (NoSuchFileException e) {
        // nothing was appended, nothing to keep but `keep`
      }
      if (!read.malformed().isEmpty()) {
        StringBuilder rej = new StringBuilder();
        for (Malformed m : read.malformed()) {
          rej.append(m.text()).append('\n');
        }
        Path rejected = Path.of(file + ".rejected");
        try (FileChannel ch = NoFollow.open(rejected, Set.of(StandardOpenOption.CREATE,
            StandardOpenOption.APPEND, StandardOpenOption.WRITE),
            OWNER_ONLY)) {
          writeFully(ch, rej.toString().getBytes(StandardCharsets.UTF_8));
          ch.force(true);
        }
      }
      StringBuilder sb = new StringBuilder();
      for (FailedEntry e : keep) {
        sb.append(EntryCodec.encode(e)).append('\n');
      }
      Path tmp = Path.of(file + ".tmp");
      Files.deleteIfExists(tmp);
      try (FileChannel ch = NoFollow.open(tmp, Set.of(StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE), OWNER_ONLY)) {
        writeFully(ch, sb.toString().getBytes(StandardCharsets.UTF_8));
        writeFully(ch, since);
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    });
  }

  /**
   * Entries on the list (lines, malformed ones included); re-counted only when the file changed,
   * so status and metrics may call it often. 0 when the file does not exist or cannot be read.
   */
  public synchronized long size() {
    try {
      long len = Files.size(file);
      long mtime = Files.getLastModifiedTime(file).toMillis();
      if (len != cachedLength || mtime != cachedMtime) {
        long n = 0;
        try (var lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
          n = lines.filter(s -> !s.isBlank()).count();
        }
        cachedLength = len;
        cachedMtime = mtime;
        cachedCount = n;
      }
      return cachedCount;
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  /**
   * Held by a replay for its whole run, so two replays (the daemon's schedule and an operator's
   * command) never work on the same list at once; appends do not wait for it.
   *
   * @return null when another replay holds it
   */
  public @Nullable Locked tryReplayLock() throws IOException {
    NoFollow.directory(file.getParent());
    ReentrantLock local = LOCAL.computeIfAbsent(replayLockFile, p -> new ReentrantLock());
    if (!local.tryLock()) {
      return null;
    }
    FileChannel ch = null;
    try {
      ch = NoFollow.open(replayLockFile, Set.of(StandardOpenOption.CREATE,
          StandardOpenOption.WRITE), OWNER_ONLY);
      FileLock fl = ch.tryLock();
      if (fl == null) {
        ch.close();
        local.unlock();
        return null;
      }
      return new Locked(ch, local);
    } catch (IOException | RuntimeException e) {
      if (ch != null) {
        ch.close();
      }
      local.unlock();
      throw e;
    }
  }

  /** What runs under the list's lock. */
  @FunctionalInterface
  private interface Guarded<T> {
    T run() throws IOException;
  }

  /** What runs under the list's lock and returns nothing. */
  @FunctionalInterface
  private interface GuardedAction {
    void run() throws IOException;
  }

  private void lockedDo(GuardedAction action) throws IOException {
    locked(() -> {
      action.run();
      return Boolean.TRUE;
    });
  }

  /** Runs {@code body} holding the in-process lock and the file lock, releasing both after. */
  private <T> T locked(Guarded<T> body) throws IOException {
    Locked held = lock();
    try {
      return body.run();
    } finally {
      held.close();
    }
  }

  private Locked lock() throws IOException {
    NoFollow.directory(file.getParent());
    ReentrantLock local = LOCAL.computeIfAbsent(lockFile, p -> new ReentrantLock());
    local.lock();
    try {
      FileChannel ch = NoFollow.open(lockFile, Set.of(StandardOpenOption.CREATE,
          StandardOpenOption.WRITE), OWNER_ONLY);
      try {
        ch.lock();
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
      return new Locked(ch, local);
    } catch (IOException | RuntimeException e) {
      local.unlock();
      throw e;
    }
  }

  private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /** A held lock; closing releases it (the channel's close drops the file lock). */
  public static final class Locked implements AutoCloseable {
    private final FileChannel channel;
    private final ReentrantLock local;

    Locked(FileChannel channel, ReentrantLock local) {
      this.channel = channel;
      this.local = local;
    }

    @Override
    public void close() throws IOException {
      try {
        channel.close();
      } finally {
        local.unlock();
      }
    }
  }

  /**
   * A consistent read of the list.
   *
   * @param bytes the file length read: what a rewrite replaces
   */
  public record Snapshot(List<FailedEntry> entries, List<Malformed> malformed, long bytes) {
    public Snapshot {
      entries = List.copyOf(entries);
      malformed = List.copyOf(malformed);
    }
  }

  /** A line that is not an entry: {@code line} is 1-based. */
  public record Malformed(int line, String text, String reason) {}
}
