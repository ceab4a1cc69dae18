package org.syncspool.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.syncspool.config.EventToggles;
import org.syncspool.config.Root;
import org.syncspool.watch.EventKind;
import org.syncspool.watch.PathFilter;
import org.syncspool.watch.inotify.InotifyWatcher;

/**
 * When files arrive in a target directory: a second {@link InotifyWatcher} on it (as in
 * {@link Latency}). rsync writes a dot-temp file and renames it, so the arrival of an expected
 * name is the first MOVED_TO / CLOSE_WRITE / CREATE of it after which it has its expected size;
 * the time is {@code System.nanoTime()} when the watcher read the event. Names must be
 * {@link #expect expected} before they are written on the source.
 */
final class Arrivals implements AutoCloseable {
  private final Path dir;
  private final InotifyWatcher watcher;
  /** name -> expected size; guarded by this. */
  private final Map<String, Long> expected = new HashMap<>();
  /** name -> arrival nanoTime; guarded by this. */
  private final Map<String, Long> arrived = new HashMap<>();

  Arrivals(Path dir) throws IOException {
    this.dir = dir;
    this.watcher = new InotifyWatcher(List.of(new Root(0, dir, List.of())), EventToggles.DEFAULT,
        PathFilter.NONE, batch -> {
          long now = System.nanoTime();
          batch.forEach((kind, d, root, cookie, path, off, len) -> {
            if (kind == EventKind.MOVED_TO || kind == EventKind.CLOSE_WRITE
                || kind == EventKind.CREATE) {
              seen(new String(path, off, len, StandardCharsets.UTF_8), now);
            }
          });
        }, System::currentTimeMillis, org.syncspool.time.Ticker.SYSTEM);
    watcher.start();
  }

  private synchronized void seen(String name, long now) {
    Long size = expected.get(name);
    if (size == null || arrived.containsKey(name)) {
      return;
    }
    try {
      if (Files.size(dir.resolve(name)) == size) {
        arrived.put(name, now);
        notifyAll();
      }
    } catch (IOException gone) {
      // replaced or removed meanwhile: a later event says more
    }
  }

  synchronized void expect(String name, long size) {
    expected.put(name, size);
  }

  /** The arrival time of {@code name} (nanoTime), or -1 while it has not arrived. */
  synchronized long arrived(String name) {
    Long t = arrived.get(name);
    return t == null ? -1 : t;
  }

  /** The arrival time of {@code name} (nanoTime), or -1 when it has not come by the deadline. */
  synchronized long await(String name, long deadlineNanos) throws InterruptedException {
    while (true) {
      Long t = arrived.get(name);
      if (t != null) {
        return t;
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return -1;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  @Override
  public void close() {
    watcher.close();
  }
}
