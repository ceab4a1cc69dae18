package org.syncspool.watch.fanotify;

import static org.syncspool.watch.fanotify.sys.FanConst.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds what a fanotify read returns, the way the kernel lays it out, for the pure tests: each
 * directory is a fid of fsid {@code 1,2,...8} and an 8-byte handle holding its number.
 */
final class EventBytes {
  static final byte[] FSID = {1, 2, 3, 4, 5, 6, 7, 8};
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** The fid (fsid + struct file_handle) of directory {@code n}. */
  static byte[] fid(int n) {
    byte[] f = new byte[8 + 8 + 8];
    System.arraycopy(FSID, 0, f, 0, 8);
    putInt(f, 8, 8); // handle_bytes
    putInt(f, 12, 1); // handle_type
    putInt(f, 16, n);
    return f;
  }

  /** An event with one DFID_NAME record ("." when {@code name} is null: the directory itself). */
  EventBytes event(long mask, int dir, String name) {
    byte[] rec = record(FAN_EVENT_INFO_TYPE_DFID_NAME, dir, name == null ? "." : name);
    return raw(mask, rec);
  }

  /** A FAN_RENAME with OLD_DFID_NAME and NEW_DFID_NAME records. */
  EventBytes rename(long mask, int fromDir, String from, int toDir, String to) {
    byte[] a = record(FAN_EVENT_INFO_TYPE_OLD_DFID_NAME, fromDir, from);
    byte[] b = record(FAN_EVENT_INFO_TYPE_NEW_DFID_NAME, toDir, to);
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return raw(mask | FAN_RENAME, both);
  }

  EventBytes overflow() {
    return raw(FAN_Q_OVERFLOW, new byte[0]);
  }

  /** Metadata (version 3, fd FAN_NOFD) followed by {@code records}. */
  EventBytes raw(long mask, byte[] records) {
    return raw(mask, records, FANOTIFY_METADATA_VERSION);
  }

  EventBytes raw(long mask, byte[] records, int version) {
    byte[] m = new byte[FanotifyDecoder.METADATA];
    putInt(m, 0, m.length + records.length);
    m[4] = (byte) version;
    m[6] = (byte) FanotifyDecoder.METADATA;
    putInt(m, 8, (int) mask);
    putInt(m, 12, (int) (mask >>> 32));
    putInt(m, 16, FAN_NOFD);
    putInt(m, 20, 4242);
    out.writeBytes(m);
    out.writeBytes(records);
    return this;
  }

  static byte[] record(int type, int dir, String name) {
    byte[] fid = fid(dir);
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

  byte[] bytes() {
    return out.toByteArray();
  }

  static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
    b[at + 2] = (byte) (v >>> 16);
    b[at + 3] = (byte) (v >>> 24);
  }
}
