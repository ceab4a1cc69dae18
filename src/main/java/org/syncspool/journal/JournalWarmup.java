package org.syncspool.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.syncspool.dirfd.NoFollow;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;
import org.syncspool.watch.EventSink;

/**
 * Compiles the append path before the watcher needs it: appends to a scratch journal (same
 * classes, so the JIT's work carries over to the real one) in a private directory, then deletes
 * it. The real journal never sees a warm-up record.
 */
public final class JournalWarmup {
  /**
   * Appends in the warm-up: HotSpot compiles a method with C2 after ~10,000 invocations, so
   * twice that leaves margin; 20k appends took ~30 ms warm (JournalAppendBench: ~1.7M/s), a
   * few hundred ms cold.
   */
  static final int RECORDS = 20_000;

  private JournalWarmup() {}

  /**
   * Warms the append path in a scratch journal under {@code scratchParent}, hands the scratch
   * journal to {@code alsoWarm} (e.g. the watcher's own warm-up), then deletes it.
   */
  public static void run(Path scratchParent, Consumer<EventSink> alsoWarm) {
    Path dir;
    try {
      NoFollow.directory(scratchParent);
      dir = Files.createTempDirectory(scratchParent, "warmup-journal-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch journal in " + scratchParent, e);
    }
    try (ChronicleJournal scratch = ChronicleJournal.open(dir)) {
      byte[] path = "warm/file-000000.dat".getBytes(StandardCharsets.US_ASCII);
      EventBatch batch = new EventBatch(256);
      for (int i = 0; i < RECORDS; i++) {
        path[path.length - 5] = (byte) ('0' + i % 10);
        batch.reset(i);
        batch.add(EventKind.CLOSE_WRITE, false, 0, 0, path, 0, path.length);
        scratch.accept(batch);
      }
      alsoWarm.accept(scratch);
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: a leftover scratch directory is harmless and holds no events.
    }
  }
}
