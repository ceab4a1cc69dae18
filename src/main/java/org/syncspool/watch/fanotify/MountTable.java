package org.syncspool.watch.fanotify;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /proc/self/mountinfo}, parsed, and the question the fanotify watcher asks of it: which
 * file systems lie under a root? Pure: the text comes from the caller.
 *
 * <p>A line: {@code id parent major:minor root mountpoint options [optional...] - fstype source
 * superoptions}, with space, tab, newline and backslash in paths written as octal escapes.
 */
final class MountTable {
  /** One mount: {@code dev} is {@code major:minor}, the same for every mount of one superblock. */
  @SuppressWarnings("ArrayRecordComponent") // paths are bytes; never compared as records
  record Mount(String dev, byte[] point, String type) {
    String pointText() {
      return new String(point, StandardCharsets.UTF_8);
    }
  }

  /**
   * One file system to mark for a root.
   *
   * @param markPath where to set the mark and open the mount fd: the root itself for the file
   *                 system holding it, the mount point for one mounted below it
   */
  @SuppressWarnings("ArrayRecordComponent") // paths are bytes; never compared as records
  record Filesystem(String dev, byte[] markPath, String type) {
    String describe() {
      return type + " " + new String(markPath, StandardCharsets.UTF_8);
    }
  }

  private final List<Mount> mounts;

  MountTable(List<Mount> mounts) {
    this.mounts = List.copyOf(mounts);
  }

  /** @throws IllegalArgumentException naming the line that cannot be read */
  static MountTable parse(String mountinfo) {
    List<Mount> out = new ArrayList<>();
    int lineNo = 0;
    for (String line : mountinfo.lines().toList()) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(" ", -1);
      int dash = -1;
      for (int i = 6; i < f.length; i++) {
        if (f[i].equals("-")) {
          dash = i;
          break;
        }
      }
      if (f.length < 10 || dash < 0 || dash + 1 >= f.length) {
        throw new IllegalArgumentException("mountinfo line " + lineNo + " cannot be read: " + line);
      }
      out.add(new Mount(f[2], unescape(f[4]), f[dash + 1]));
    }
    return new MountTable(out);
  }

  /** mountinfo's octal escapes ({@code \040}) back to bytes; other bytes as they are. */
  static byte[] unescape(String s) {
    byte[] in = s.getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream o = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '\\' && octal(in, i + 1)) {
        o.write((in[i + 1] - '0') << 6 | (in[i + 2] - '0') << 3 | (in[i + 3] - '0'));
        i += 3;
      } else {
        o.write(in[i]);
      }
    }
    return o.toByteArray();
  }

  private static boolean octal(byte[] b, int at) {
    if (at + 2 >= b.length) {
      return false;
    }
    for (int i = at; i < at + 3; i++) {
      if (b[i] < '0' || b[i] > '7') {
        return false;
      }
    }
    return true;
  }

  /**
   * The distinct file systems under {@code root} (a real absolute path): the one holding it, then
   * each one mounted below it, one entry per superblock ({@code dev}), in mount order.
   */
  List<Filesystem> under(byte[] root) {
    Mount holding = null;
    for (Mount m : mounts) { // the last mount at the longest prefix is the visible one
      if (HandleCache.under(root, m.point())
          && (holding == null || m.point().length >= holding.point().length)) {
        holding = m;
      }
    }
    Map<String, Filesystem> byDev = new LinkedHashMap<>();
    if (holding != null) {
      byDev.put(holding.dev(), new Filesystem(holding.dev(), root, holding.type()));
    }
    for (Mount m : mounts) {
      if (m.point().length > root.length && HandleCache.under(m.point(), root)) {
        byDev.putIfAbsent(m.dev(), new Filesystem(m.dev(), m.point(), m.type()));
      }
    }
    return List.copyOf(byDev.values());
  }
}
