package org.syncspool.watch.fanotify;

import static org.syncspool.watch.fanotify.sys.FanConst.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds what a fanotify read returns, the way the kernel lays it out, for the pure tests: each
 * directory is a fid of fsid {@code 1,2,...8} and an 8-byte handle holding its number.
 */
final class EventBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** The fid (fsid + struct file_handle) of directory {@code n}. */
  static byte[] fid(int n) {
    return FanotifyWarmup.fid(n);
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
    byte[] both = FanotifyWarmup.concat(a, b);
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
    byte[] e = new byte[FanotifyDecoder.METADATA + records.length];
    FanotifyWarmup.event(e, 0, mask, records, version);
    out.writeBytes(e);
    return this;
  }

  static byte[] record(int type, int dir, String name) {
    return FanotifyWarmup.record(type, fid(dir), name);
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  static void putInt(byte[] b, int at, int v) {
    FanotifyWarmup.putInt(b, at, v);
  }
}
