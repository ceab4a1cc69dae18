package org.syncspool.watch.fanotify;

import static org.syncspool.watch.fanotify.sys.FanConst.FANOTIFY_METADATA_VERSION;
import static org.syncspool.watch.fanotify.sys.FanConst.FAN_CLOSE_WRITE;
import static org.syncspool.watch.fanotify.sys.FanConst.FAN_CREATE;
import static org.syncspool.watch.fanotify.sys.FanConst.FAN_EVENT_INFO_TYPE_DFID_NAME;
import static org.syncspool.watch.fanotify.sys.FanConst.FAN_EVENT_INFO_TYPE_NEW_DFID_NAME;
import static org.syncspool.watch.fanotify.sys.FanConst.FAN_EVENT_INFO_TYPE_OLD_DFID_NAME;
import static org.syncspool.watch.fanotify.sys.FanConst.FAN_NOFD;
import static org.syncspool.watch.fanotify.sys.FanConst.FAN_RENAME;

import java.nio.charset.StandardCharsets;
import org.syncspool.config.EventToggles;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventSink;
import org.syncspool.watch.PathFilter;

/**
 * fanotify's counterpart of {@code watch.inotify.HotPathWarmup}: runs the reader's hot path
 * (decode, handle cache, translate, filter, batch, journal append) over synthetic reads before
 * the mark is read, so a burst right after start finds it compiled. Before it, the first round
 * of a burst drained at 118k events/s against 533k warm (docs/performance.md, drain rate).
 *
 * <p>Its own decoder, cache and translator, with a resolver that knows two made-up directories:
 * one inside the root (journaled) and one outside it (dropped, as most of a busy file system's
 * events are). Appends to the sink it is given: never the real journal. Also lays out events
 * as the kernel does, for the pure tests (EventBytes).
 */
final class FanotifyWarmup {
  /** Events per synthetic read, about what a full 256 KiB read of short names holds. */
  static final int EVENTS_PER_READ = 3000;
  private static final int INSIDE = 1;
  private static final int OUTSIDE = 2;
  private static final byte[] FSID = {1, 2, 3, 4, 5, 6, 7, 8};

  private FanotifyWarmup() {}

  /**
   * Decodes and translates synthetic reads into {@code sink} until the hot path is compiled.
   *
   * @param rootPath the root's real path (bytes); events are made in {@code ROOT/warm/up}
   * @param reads    synthetic reads of {@link #EVENTS_PER_READ} events to process
   * @return events decoded
   */
  static long run(EventToggles toggles, PathFilter filter, byte[] rootPath, int rootId,
                  EventSink sink, int reads) {
    byte[] inside = join(rootPath, "warm/up");
    byte[] outside = "/\u0001syncspool-warm-up-outside".getBytes(StandardCharsets.ISO_8859_1);
    Resolver resolver = (buf, off, len) ->
        FanotifyDecoder.getInt(buf, off + 16) == INSIDE ? inside : outside;
    FanotifyTranslator translator = new FanotifyTranslator(new HandleCache(64), resolver,
        new byte[][] {rootPath}, new int[] {rootId}, toggles, filter);
    FanotifyDecoder decoder = new FanotifyDecoder();
    EventBatch batch = new EventBatch(FanotifyWatcher.READ_BUFFER * 2);
    byte[] buf = new byte[FanotifyWatcher.READ_BUFFER];
    int len = fill(buf);
    long events = 0;
    for (int i = 0; i < reads; i++) {
      translator.into(batch.reset(i));
      decoder.decode(buf, 0, len, translator);
      events += EVENTS_PER_READ;
      if (!batch.isEmpty()) {
        sink.accept(batch);
      }
    }
    return events;
  }

  /** CREATE|CLOSE_WRITE in the root, every 4th outside it, every 32nd a rename. */
  private static int fill(byte[] buf) {
    int at = 0;
    for (int i = 0; i < EVENTS_PER_READ; i++) {
      String name = String.format("file-%06d.dat", i);
      byte[] records;
      long mask;
      if (i % 32 == 0) {
        records = concat(record(FAN_EVENT_INFO_TYPE_OLD_DFID_NAME, fid(INSIDE), name),
            record(FAN_EVENT_INFO_TYPE_NEW_DFID_NAME, fid(INSIDE), name + ".new"));
        mask = FAN_RENAME;
      } else {
        records = record(FAN_EVENT_INFO_TYPE_DFID_NAME, fid(i % 4 == 0 ? OUTSIDE : INSIDE),
            name);
        mask = FAN_CREATE | FAN_CLOSE_WRITE;
      }
      at = event(buf, at, mask, records, FANOTIFY_METADATA_VERSION);
    }
    return at;
  }

  /** The fid (fsid + struct file_handle with an 8-byte handle holding {@code n}) of dir n. */
  static byte[] fid(int n) {
    byte[] f = new byte[8 + 8 + 8];
    System.arraycopy(FSID, 0, f, 0, 8);
    putInt(f, 8, 8); // handle_bytes
    putInt(f, 12, 1); // handle_type
    putInt(f, 16, n);
    return f;
  }

  /** An info record of {@code type} for {@code fid}, with {@code name} (none when null). */
  static byte[] record(int type, byte[] fid, String name) {
    byte[] n = name == null ? new byte[0] : name.getBytes(StandardCharsets.UTF_8);
    int len = 4 + fid.length + (name == null ? 0 : n.length + 1);
    len = (len + 3) & ~3; // the kernel pads records to 4 bytes
    byte[] r = new byte[len];
    r[0] = (byte) type;
    r[2] = (byte) len;
    r[3] = (byte) (len >>> 8);
    System.arraycopy(fid, 0, r, 4, fid.length);
    System.arraycopy(n, 0, r, 4 + fid.length, n.length);
    return r;
  }

  /** Metadata (fd FAN_NOFD) then {@code records} at {@code buf[at]}; returns the next offset. */
  static int event(byte[] buf, int at, long mask, byte[] records, int version) {
    int m = FanotifyDecoder.METADATA;
    putInt(buf, at, m + records.length);
    buf[at + 4] = (byte) version;
    buf[at + 5] = 0;
    buf[at + 6] = (byte) m;
    buf[at + 7] = 0;
    putInt(buf, at + 8, (int) mask);
    putInt(buf, at + 12, (int) (mask >>> 32));
    putInt(buf, at + 16, FAN_NOFD);
    putInt(buf, at + 20, 4242);
    System.arraycopy(records, 0, buf, at + m, records.length);
    return at + m + records.length;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static byte[] join(byte[] dir, String rel) {
    byte[] r = rel.getBytes(StandardCharsets.US_ASCII);
    boolean slash = dir.length > 0 && dir[dir.length - 1] == '/';
    byte[] out = new byte[dir.length + (slash ? 0 : 1) + r.length];
    System.arraycopy(dir, 0, out, 0, dir.length);
    if (!slash) {
      out[dir.length] = '/';
    }
    System.arraycopy(r, 0, out, out.length - r.length, r.length);
    return out;
  }

  static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
    b[at + 2] = (byte) (v >>> 16);
    b[at + 3] = (byte) (v >>> 24);
  }
}
