package org.syncspool.changelog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.syncspool.dirfd.NoFollow;
import org.syncspool.changelog.ChangeLines.SourceType;
import org.syncspool.config.ChangeLog;
import org.syncspool.config.Config;
import org.syncspool.config.Root;
import org.syncspool.fs.FileSystem;
import org.syncspool.fs.NativeFileSystem;
import org.syncspool.batch.PathKey;
import org.syncspool.worker.WorkerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Writes the change list: after each batch attempt that reached a target, and after the first
 * failed attempt of a batch and the one that gives up on it (marked {@code ,FAILED}); the
 * retries in between would repeat the same lines every pause. Workers call it from their own
 * threads, so writes are serialised; each batch is flushed whole, so a line is never split.
 * {@link #reopen} (SIGHUP) closes the file and opens the name again, for logrotate.
 */
public final class ChangeLogWriter implements WorkerListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChangeLogWriter.class);

  private final Path file;
  private final TimeFormat time;
  private final ZoneId zone;
  private final FileSystem fs;
  private final Map<Integer, byte[]> roots = new HashMap<>();
  private @Nullable OutputStream out;
  private boolean broken;

  /** Opens (creating it, mode 640, and its directory) the change list {@code config} names. */
  public ChangeLogWriter(Config config, ZoneId zone) throws IOException {
    this(config, zone, NativeFileSystem.INSTANCE);
  }

  /** As above; {@code fs} tells what each path is on the source now (the EVENT column). */
  public ChangeLogWriter(Config config, ZoneId zone, FileSystem fs) throws IOException {
    this.fs = fs;
    ChangeLog cl = config.changeLog();
    this.file = cl.path();
    this.time = new TimeFormat(cl.timeFormat());
    this.zone = zone;
    for (Root r : config.roots()) {
      roots.put(r.id(), FileSystem.bytes(r.watch()));
    }
    open();
    log.info("writing the change list to {} (SIGHUP reopens it)", file);
  }

  @Override
  public void batchEnded(BatchReport report) {
    if (!report.succeeded() && report.attempt() > 1 && !report.gaveUp()) {
      return;
    }
    byte[] root = java.util.Objects.requireNonNull(roots.get(report.target().rootId()),
        "a target of a root not in this config");
    StringBuilder lines = new StringBuilder();
    ChangeLines.append(lines, time.format(report.endMillis(), zone), report,
        p -> sourceType(root, p));
    write(lines.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Closes the file and opens its name again: logrotate has moved it away. */
  public synchronized void reopen() {
    closeQuietly();
    try {
      open();
      log.info("change list reopened: {}", file);
    } catch (IOException e) {
      broken = true;
      log.warn("cannot reopen the change list {}: {}; retrying at the next batch", file,
          e.toString());
    }
  }

  private synchronized void write(byte[] bytes) {
    try {
      OutputStream o = out;
      if (o == null) {
        o = open();
      }
      o.write(bytes);
      o.flush();
      broken = false;
    } catch (IOException e) {
      if (!broken) { // one line per outage, not per batch
        log.warn("cannot write the change list {}: {}", file, e.toString());
      }
      broken = true;
      closeQuietly();
    }
  }

  /** Opens the file for appending; returns the stream, also kept in {@code out}. */
  private OutputStream open() throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      NoFollow.directory(dir);
    }
    try {
      // Paths can be private: readable by the owner and the adm group (logrotate, log readers).
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-r-----")));
    } catch (FileAlreadyExistsException fine) {
      // appended to
    }
    OutputStream o = java.nio.channels.Channels.newOutputStream(NoFollow.open(file,
        java.util.Set.of(StandardOpenOption.APPEND, StandardOpenOption.WRITE)));
    out = o;
    return o;
  }

  private SourceType sourceType(byte[] root, PathKey p) {
    try {
      byte[] abs = p.isRoot() ? root : FileSystem.join(root, p.bytes(), 0, p.length());
      return switch (fs.type(abs)) {
        case MISSING -> SourceType.MISSING;
        case DIRECTORY -> SourceType.DIRECTORY;
        default -> SourceType.OTHER;
      };
    } catch (IOException e) {
      return SourceType.OTHER;
    }
  }

  private void closeQuietly() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // a failed flush of a file being replaced: its lines were flushed per batch already
      }
      out = null;
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }
}
