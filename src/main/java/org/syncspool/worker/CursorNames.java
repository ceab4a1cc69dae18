package org.syncspool.worker;

import java.nio.charset.StandardCharsets;

/** Names of the targets' journal cursors (one per target, see {@link TargetWorker}). */
public final class CursorNames {
  private CursorNames() {}

  /**
   * The journal cursor's name for a target id: Chronicle takes printable ASCII without spaces,
   * so other bytes (a local path with a space or umlaut) are %-escaped; stable for a given id, and
   * distinct ids get distinct names (ids over ~190 escaped characters keep a prefix plus 64 bits
   * of their SHA-256).
   */
  public static String of(String targetId) {
    StringBuilder sb = new StringBuilder("t-");
    for (byte b : targetId.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c > 0x20 && c < 0x7f && c != '%') {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format("%02X", c));
      }
    }
    String name = sb.length() > 190
        ? sb.substring(0, 150) + "~" + sha256Prefix(targetId) : sb.toString();
    // Chronicle reserves names ending in .lock/.version (its own files). Escape that dot rather
    // than append a character: "x.lock" + "_" would be the name of the id "x.lock_".
    if (name.endsWith(".lock") || name.endsWith(".version")) {
      int dot = name.lastIndexOf('.');
      return name.substring(0, dot) + "%2E" + name.substring(dot + 1);
    }
    return name;
  }

  private static String sha256Prefix(String s) {
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(h, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
