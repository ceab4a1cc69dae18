package org.syncspool.batch;

import org.syncspool.text.PathEscape;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** A relative path as bytes (names need not be UTF-8), usable as a map key. */
public final class PathKey implements Comparable<PathKey> {
  private final byte[] bytes;
  private final int hash;

  private PathKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  public static PathKey copyOf(byte[] src, int off, int len) {
    return new PathKey(Arrays.copyOfRange(src, off, off + len));
  }

  public static PathKey of(String utf8) {
    return new PathKey(utf8.getBytes(StandardCharsets.UTF_8));
  }

  /** The path bytes; do not modify. */
  public byte[] bytes() {
    return bytes;
  }

  public int length() {
    return bytes.length;
  }

  public boolean isRoot() {
    return bytes.length == 0;
  }

  /** The parent directory ({@code a/b} for {@code a/b/c}), or null for a top-level name or the root. */
  public @Nullable PathKey parent() {
    for (int i = bytes.length - 1; i > 0; i--) {
      if (bytes[i] == '/') {
        return new PathKey(Arrays.copyOf(bytes, i));
      }
    }
    return bytes.length == 0 ? null : new PathKey(new byte[0]);
  }

  /** True when this path is {@code other} or lies below it. The root contains everything. */
  public boolean isWithin(PathKey other) {
    byte[] o = other.bytes;
    if (o.length == 0) {
      return true;
    }
    if (bytes.length < o.length || !Arrays.equals(bytes, 0, o.length, o, 0, o.length)) {
      return false;
    }
    return bytes.length == o.length || bytes[o.length] == '/';
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PathKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(PathKey o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  /**
   * The path as one printable line ({@link PathEscape}: the one escaping of names in logs,
   * status and the change list); "." for the root. For people only, never for the file system.
   */
  @Override
  public String toString() {
    return bytes.length == 0 ? "." : PathEscape.escape(bytes);
  }

  /** {@link #toString()}: already escaped. */
  public String printable() {
    return toString();
  }
}
