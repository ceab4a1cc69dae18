package org.syncspool.journal;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.jspecify.annotations.Nullable;
import org.syncspool.watch.EventBatch;

/**
 * Reads a whole journal before the daemon trusts it, and moves a damaged one aside (issue 10
 * item 5; docs/security.md). Chronicle met damage in four ways, none of them a clear error: a
 * garbled cycle header made every read wait out its timeouts (the daemon up, nothing delivered,
 * {@code /status} silent), garbled records were read as garbage or not at all (IDLE while the
 * backlog grew), a cycle file truncated to 1000 bytes failed every start with "Meta data not
 * ready" (exit 70), garbled metadata with "Unable to claim exclusive lock" (exit 73). So the
 * check opens the journal read-only, reads every record and checks each ({@link
 * EventBatch#problem()}), compares what it read with the index, and reads every cursor; any
 * failure is a {@link Damage} naming the file.
 *
 * <p>A damaged journal is not repaired: the directory is renamed aside whole (kept for
 * inspection) and a new one begins, which the daemon treats as a first start (every target gets
 * a full sync). A cursor whose file is gone cannot say what its target lacks, and a half-trusted
 * journal would make the same question come back at every start.
 */
public final class JournalCheck {
  /** Written by {@link #markDamaged} when a reader finds damage while the daemon runs. */
  public static final String MARKER = "DAMAGED";
  /** How long Chronicle may wait for a header while checking: a sound journal never waits. */
  static final long CHECK_TIMEOUT_MS = 1_000;
  /** Chronicle grows a cycle file in chunks of this many bytes (its header takes the first). */
  private static final long CHUNK = 64 * 1024;

  private JournalCheck() {}

  /** What is wrong with a journal and in which file. */
  public record Damage(Path file, String reason) {
    @Override public String toString() {
      return file + ": " + reason;
    }
  }

  /** The damage found in the journal in {@code dir}, or null when it is sound, empty or absent. */
  public static @Nullable Damage check(Path dir) {
    Path marker = dir.resolve(MARKER);
    if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
      return fromMarker(dir, marker);
    }
    Path meta = dir.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE);
    List<Path> cycles = cycleFiles(dir);
    if (!Files.exists(meta, LinkOption.NOFOLLOW_LINKS)) {
      return cycles.isEmpty() ? null
          : new Damage(meta, "missing, while " + cycles.size() + " cycle file(s) are there");
    }
    if (!Files.isRegularFile(meta, LinkOption.NOFOLLOW_LINKS)) {
      return new Damage(meta, "not a regular file");
    }
    // Before Chronicle reads them: a garbled header made it wait out its timeouts on every call
    // (20 s each), or take the journal for empty.
    for (Path f : concat(meta, cycles)) {
      String problem = headerProblem(f, f.equals(meta) ? "STStore" : "SCQStore");
      if (problem != null) {
        return new Damage(f, problem);
      }
    }
    Where where = new Where(meta);
    StoreFileListener track = new StoreFileListener() {
      @Override public void onAcquired(int cycle, File file) {
        where.file = file.toPath();
      }

      @Override public void onReleased(int cycle, File file) {
        // nothing: the file being read is the one acquired last
      }
    };
    try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir)
        .rollCycle(ChronicleJournal.ROLL_CYCLE).readOnly(true).timeoutMS(CHECK_TIMEOUT_MS)
        .storeFileListener(track).build()) {
      for (String key : keys(q)) {
        q.tableStoreGet(key); // a cursor's index: metadata that reads back
      }
      return records(q, where);
    } catch (RuntimeException | InternalError | AssertionError e) {
      // InternalError: a mapped page past the end of a truncated file (SIGBUS); AssertionError:
      // Chronicle's own asserts, on under -ea
      Path cut = where.file.equals(meta) ? truncated(cycles) : null;
      return cut == null ? new Damage(where.file, oneLine(e))
          : new Damage(cut, oneLine(e) + " (cut short: " + size(cut) + " bytes)");
    }
  }

  /**
   * A cycle file that is not a whole number of Chronicle's 64 KiB chunks, or shorter than its
   * header and first chunk: cut short. Chronicle then fails before it names a file.
   */
  private static @Nullable Path truncated(List<Path> cycles) {
    for (Path c : cycles) {
      long n = size(c);
      if (n % CHUNK != 0 || n < 2 * CHUNK) {
        return c;
      }
    }
    return null;
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  private static @Nullable Damage records(SingleChronicleQueue q, Where where) {
    long last = q.lastIndex();
    if (last < 0) {
      return null;
    }
    long read = -1;
    try (ExcerptTailer t = q.createTailer()) {
      t.toStart();
      EventBatch b = new EventBatch(4096);
      while (true) {
        try (DocumentContext dc = t.readingDocument()) {
          if (!dc.isPresent()) {
            break;
          }
          Bytes<?> bytes = dc.wire().bytes();
          int len = (int) bytes.readRemaining();
          if (len < EventBatch.HEADER) {
            return new Damage(fileOf(q, dc.index()), "record " + text(q, dc.index()) + ": " + len
                + " bytes, shorter than a record header");
          }
          bytes.read(b.prepareLoad(len), 0, len);
          b.loaded(len);
          String problem = b.problem();
          if (problem != null) {
            return new Damage(fileOf(q, dc.index()), "record " + text(q, dc.index()) + ": "
                + problem);
          }
          read = dc.index();
        }
      }
    }
    if (read < last) {
      Path file = read < 0 ? where.file : fileOf(q, read);
      return new Damage(file, "records after " + (read < 0 ? "the start" : text(q, read))
          + " cannot be read (the index goes up to " + text(q, last) + ")");
    }
    return null;
  }

  private static List<Path> concat(Path first, List<Path> rest) {
    List<Path> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /**
   * Why {@code file} does not start as Chronicle starts a store, or null: a complete metadata
   * document ({@code int} length with the metadata bit, the working bit clear) holding the field
   * {@code header} typed {@code !type} ({@code SCQStore} for a cycle, {@code STStore} for the
   * metadata), in Chronicle's binary wire.
   */
  static @Nullable String headerProblem(Path file, String type) {
    byte[] head = new byte[14 + type.length()];
    int n;
    try (java.io.InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      return "cannot be read: " + e.getMessage();
    }
    if (n < head.length) {
      return "cut short: " + n + " bytes, not even Chronicle's header";
    }
    byte[] field = {(byte) 0xb9, 6, 'h', 'e', 'a', 'd', 'e', 'r', (byte) 0xb6,
        (byte) type.length()};
    boolean ok = (head[3] & 0xc0) == 0x40;
    for (int i = 0; ok && i < field.length; i++) {
      ok = head[4 + i] == field[i];
    }
    ok = ok && new String(head, 14, type.length(), StandardCharsets.ISO_8859_1).equals(type);
    return ok ? null : "its header is not Chronicle's " + type + " header (garbled)";
  }

  /** The file Chronicle acquired last: the one being read when something fails. */
  private static final class Where {
    volatile Path file;

    Where(Path file) {
      this.file = file;
    }
  }

  private static List<String> keys(SingleChronicleQueue q) {
    List<String> keys = new ArrayList<>();
    q.metaStore().forEachKey(keys, (acc, key, value) -> {
      String k = key.toString();
      if (k.startsWith(ChronicleJournal.INDEX_KEY) && !k.endsWith(".lock")
          && !k.endsWith(".version")) {
        acc.add(k);
      }
    });
    return keys;
  }

  /** The cycle file that holds {@code index} (named as Chronicle names it). */
  static Path fileOf(SingleChronicleQueue q, long index) {
    long start = (long) q.rollCycle().toCycle(index) * q.rollCycle().lengthInMillis();
    String name = DateTimeFormatter.ofPattern(q.rollCycle().format()).withZone(ZoneOffset.UTC)
        .format(Instant.ofEpochMilli(start));
    return q.file().toPath().resolve(name + SingleChronicleQueue.SUFFIX);
  }

  private static String text(SingleChronicleQueue q, long index) {
    return q.rollCycle().toCycle(index) + ":" + q.rollCycle().toSequenceNumber(index);
  }

  private static List<Path> cycleFiles(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
          .sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Renames the journal directory to {@code DIR.damaged-STAMP} (UTC; {@code -N} added when
   * taken) and returns the new name. The state directory is ours (0700), so nobody can have
   * planted that name; a rename neither follows nor copies.
   */
  public static Path moveAside(Path dir, long nowMillis) throws IOException {
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .format(Instant.ofEpochMilli(nowMillis).atOffset(ZoneOffset.UTC));
    String base = dir.getFileName() + ".damaged-" + stamp;
    Path to = dir.resolveSibling(base);
    for (int n = 2; Files.exists(to, LinkOption.NOFOLLOW_LINKS); n++) {
      to = dir.resolveSibling(base + "-" + n);
    }
    return Files.move(dir, to, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Records, while the daemon runs, that a reader found {@code damage}: the next start moves the
   * journal aside without reading it again (the damage may be one the start-up check cannot
   * see, and the process must not loop on it). One line: the file, a tab, the reason.
   */
  public static void markDamaged(Path dir, Damage damage) throws IOException {
    String line = damage.file() + "\t" + damage.reason().replace('\n', ' ') + "\n";
    try (FileChannel ch = FileChannel.open(dir.resolve(MARKER), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
      ch.write(java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
  }

  private static Damage fromMarker(Path dir, Path marker) {
    try {
      String line = Files.readString(marker, StandardCharsets.UTF_8).strip();
      int tab = line.indexOf('\t');
      if (tab > 0) {
        return new Damage(Path.of(line.substring(0, tab)), line.substring(tab + 1)
            + " (found while the daemon ran)");
      }
    } catch (IOException | RuntimeException e) {
      // an unreadable marker still means damage
    }
    return new Damage(dir, "found damaged while the daemon ran");
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage();
    String s = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
