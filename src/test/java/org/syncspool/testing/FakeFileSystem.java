package org.syncspool.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.syncspool.fs.FileSystem;
import org.syncspool.fs.FileType;

/**
 * An in-memory {@link FileSystem}: entries by absolute byte path, each with a type and a ctime.
 * Directories list their entries in the order they were added (like a real directory, not
 * sorted); {@link #unknownTypes} makes listings report {@link FileType#UNKNOWN}, as some file
 * systems do, so callers must ask {@link #type}. Names need not be UTF-8 ({@link #put}).
 */
public final class FakeFileSystem implements FileSystem {
  private record Node(FileType type, long ctime, List<byte[]> children) {}

  private final Map<String, Node> nodes = new HashMap<>();
  private boolean unknownTypes;
  private int calls;

  /** A directory (and, like mkdir -p, its parents) with ctime {@code ctime}. */
  public FakeFileSystem dir(String path, long ctime) {
    return put(path.getBytes(StandardCharsets.UTF_8), FileType.DIRECTORY, ctime);
  }

  /** A regular file with ctime {@code ctime}; missing parents are added with ctime 0. */
  public FakeFileSystem file(String path, long ctime) {
    return put(path.getBytes(StandardCharsets.UTF_8), FileType.REGULAR, ctime);
  }

  public FakeFileSystem symlink(String path, long ctime) {
    return put(path.getBytes(StandardCharsets.UTF_8), FileType.SYMLINK, ctime);
  }

  /** Any entry by its bytes (a GBK name, say). Replaces an entry of that path. */
  public FakeFileSystem put(byte[] path, FileType type, long ctime) {
    int slash = lastSlash(path);
    if (slash > 0) {
      byte[] parent = Arrays.copyOf(path, slash);
      if (!nodes.containsKey(key(parent))) {
        put(parent, FileType.DIRECTORY, 0);
      }
      Node p = nodes.get(key(parent));
      if (p.type() != FileType.DIRECTORY) {
        throw new IllegalArgumentException("not a directory: " + key(parent));
      }
      if (!nodes.containsKey(key(path))) {
        p.children().add(Arrays.copyOfRange(path, slash + 1, path.length));
      }
    }
    Node old = nodes.get(key(path));
    List<byte[]> children = old != null && type == FileType.DIRECTORY ? old.children()
        : new ArrayList<>();
    nodes.put(key(path), new Node(type, ctime, children));
    return this;
  }

  /** Removes an entry and everything below it. */
  public FakeFileSystem remove(String path) {
    byte[] p = path.getBytes(StandardCharsets.UTF_8);
    String prefix = key(p) + "/";
    nodes.keySet().removeIf(k -> k.equals(key(p)) || k.startsWith(prefix));
    int slash = lastSlash(p);
    Node parent = slash > 0 ? nodes.get(key(Arrays.copyOf(p, slash))) : null;
    if (parent != null) {
      byte[] name = Arrays.copyOfRange(p, slash + 1, p.length);
      parent.children().removeIf(c -> Arrays.equals(c, name));
    }
    return this;
  }

  /** From now on, listings report every entry's type as UNKNOWN. */
  public FakeFileSystem unknownTypes() {
    unknownTypes = true;
    return this;
  }

  /** Calls made so far (list, type, ctime). */
  public int calls() {
    return calls;
  }

  @Override
  public void list(byte[] dir, EntryVisitor visitor) throws IOException {
    calls++;
    Node d = nodes.get(key(dir));
    if (d == null || d.type() != FileType.DIRECTORY) {
      throw new NoSuchFileException(key(dir));
    }
    for (byte[] name : List.copyOf(d.children())) {
      Node n = nodes.get(key(FileSystem.join(dir, name, 0, name.length)));
      visitor.entry(name, 0, name.length, unknownTypes ? FileType.UNKNOWN : n.type());
    }
  }

  @Override
  public FileType type(byte[] path) {
    calls++;
    Node n = nodes.get(key(path));
    return n == null ? FileType.MISSING : n.type();
  }

  @Override
  public long ctimeMillis(byte[] path) {
    calls++;
    Node n = nodes.get(key(path));
    return n == null ? -1 : n.ctime();
  }

  private static int lastSlash(byte[] path) {
    for (int i = path.length - 1; i >= 0; i--) {
      if (path[i] == '/') {
        return i;
      }
    }
    return -1;
  }

  /** ISO-8859-1 maps every byte to one char: a lossless key for any name. */
  private static String key(byte[] path) {
    return new String(path, StandardCharsets.ISO_8859_1);
  }
}
