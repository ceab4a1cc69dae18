package org.syncspool.watch.inotify;

import static org.syncspool.watch.inotify.InotifyMask.IN_CLOSE_WRITE;
import static org.syncspool.watch.inotify.InotifyMask.IN_CREATE;
import static org.syncspool.watch.inotify.InotifyMask.IN_MOVED_FROM;
import static org.syncspool.watch.inotify.InotifyMask.IN_MOVED_TO;

import java.nio.charset.StandardCharsets;
import org.syncspool.config.EventToggles;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventSink;
import org.syncspool.watch.PathFilter;

/**
 * Runs the watcher's hot path (decode, translate, filter, batch, journal append) over synthetic
 * events before the first watch exists, so the JIT has compiled it when a burst arrives right
 * after start. Design.md section 1: a fresh JVM that appended one record per event lost 6-34% of
 * a 100k-file burst to queue overflows; the cold drain rate (407k events/s in round 1 against
 * 750-910k warm, bench/RESULTS.md) is the margin this buys back.
 *
 * <p>Uses its own decoder, watch table and translator (file events only, so no watch is ever
 * added), and appends to the sink it is given: never the real journal.
 */
final class HotPathWarmup {
  /** Events per synthetic read; a full 256 KiB read of short names holds about as many. */
  static final int EVENTS_PER_READ = 4000;
  private static final int WD = 1;

  private HotPathWarmup() {}

  /**
   * Decodes and translates synthetic events into {@code scratch} until the hot path is compiled.
   *
   * @param reads how many synthetic reads of {@link #EVENTS_PER_READ} events to process
   * @return events decoded
   */
  static long run(EventToggles toggles, PathFilter filter, int rootId, EventSink sink, int reads) {
    WatchTable table = new WatchTable();
    table.put(WD, 0, "warm/up".getBytes(StandardCharsets.US_ASCII));
    EventTranslator translator = new EventTranslator(table, null, toggles, filter,
        new int[] {rootId});
    InotifyDecoder decoder = new InotifyDecoder();
    EventBatch batch = new EventBatch(InotifyWatcher.READ_BUFFER * 2);
    byte[] buf = new byte[EVENTS_PER_READ * 48];
    int len = fill(buf);
    long events = 0;
    for (int i = 0; i < reads; i++) {
      translator.into(batch.reset(i));
      decoder.decode(buf, 0, len, translator);
      decoder.flushPending(translator);
      events += EVENTS_PER_READ;
      sink.accept(batch);
    }
    return events;
  }

  /** CREATE + CLOSE_WRITE pairs with a rename pair every 16 files, names padded as the kernel does. */
  private static int fill(byte[] buf) {
    int at = 0;
    for (int i = 0; i < EVENTS_PER_READ; i += 2) {
      byte[] name = String.format("file-%06d.dat", i).getBytes(
          StandardCharsets.US_ASCII);
      boolean move = i % 32 == 0;
      at = put(buf, at, move ? IN_MOVED_FROM : IN_CREATE, move ? i + 1 : 0, name);
      at = put(buf, at, move ? IN_MOVED_TO : IN_CLOSE_WRITE, move ? i + 1 : 0, name);
    }
    return at;
  }

  private static int put(byte[] buf, int at, int mask, int cookie, byte[] name) {
    int padded = (name.length + 1 + 15) & ~15;
    putInt(buf, at, WD);
    putInt(buf, at + 4, mask);
    putInt(buf, at + 8, cookie);
    putInt(buf, at + 12, padded);
    System.arraycopy(name, 0, buf, at + InotifyDecoder.HEADER, name.length);
    return at + InotifyDecoder.HEADER + padded;
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
    b[at + 2] = (byte) (v >>> 16);
    b[at + 3] = (byte) (v >>> 24);
  }
}
