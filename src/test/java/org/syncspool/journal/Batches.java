package org.syncspool.journal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/** Builds and reads back small batches for journal tests. */
final class Batches {
  private Batches() {
  }

  /** One CLOSE_WRITE event per name, root 0, stamped {@code time}. */
  static EventBatch of(long time, String... names) {
    EventBatch b = new EventBatch(256);
    b.reset(time);
    for (String n : names) {
      byte[] p = n.getBytes(StandardCharsets.UTF_8);
      b.add(EventKind.CLOSE_WRITE, false, 0, 0, p, 0, p.length);
    }
    return b;
  }

  /** The paths of a batch, decoded as UTF-8 (tests only use UTF-8 names with this). */
  static List<String> names(EventBatch b) {
    List<String> out = new ArrayList<>();
    b.forEach((kind, dir, root, cookie, path, off, len) ->
        out.add(new String(path, off, len, StandardCharsets.UTF_8)));
    return out;
  }

  /** Appends records "r0".."r{n-1}" (time = i). */
  static void append(org.syncspool.journal.Journal j, int from, int to) {
    for (int i = from; i < to; i++) {
      j.accept(of(i, "r" + i));
    }
  }

  /** Reads up to {@code max} records and returns their first path. */
  static List<String> read(org.syncspool.journal.Cursor c, int max) {
    List<String> out = new ArrayList<>();
    EventBatch b = new EventBatch(16);
    while (out.size() < max && c.next(b)) {
      out.add(names(b).get(0));
    }
    return out;
  }
}
