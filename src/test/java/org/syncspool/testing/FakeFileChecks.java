package org.syncspool.testing;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.syncspool.config.FileChecks;

/** A programmable file system for config tests: directories and files with permissions. */
public final class FakeFileChecks implements FileChecks {
  private final Set<Path> dirs = new HashSet<>();
  private final Map<Path, Set<PosixFilePermission>> files = new HashMap<>();
  private final Map<Path, Integer> owners = new HashMap<>();
  private final Set<Path> special = new HashSet<>();
  private int uid;

  /** The uid the checks run as (0, root, unless set). */
  public FakeFileChecks runningAs(int uid) {
    this.uid = uid;
    return this;
  }

  /** {@code path}'s owner (0 unless set). */
  public FakeFileChecks owned(String path, int owner) {
    owners.put(Path.of(path), owner);
    return this;
  }

  /** A FIFO, socket or device at {@code path}. */
  public FakeFileChecks special(String path) {
    special.add(Path.of(path));
    return this;
  }

  /** Adds directories (and, like mkdir -p, their parents). */
  public FakeFileChecks dir(String... paths) {
    for (String p : paths) {
      for (Path d = Path.of(p); d != null; d = d.getParent()) {
        dirs.add(d);
      }
    }
    return this;
  }

  /** Adds a regular file with permissions like {@code "rw-------"}; its parent becomes a dir. */
  public FakeFileChecks file(String path, String rwx) {
    Path p = Path.of(path);
    files.put(p, PosixFilePermissions.fromString(rwx));
    if (p.getParent() != null) {
      dir(p.getParent().toString());
    }
    return this;
  }

  @Override public boolean exists(Path path) {
    return dirs.contains(path) || files.containsKey(path) || special.contains(path);
  }

  @Override public boolean isRegularFile(Path path) {
    return files.containsKey(path);
  }

  @Override public int owner(Path file) throws IOException {
    if (!exists(file)) {
      throw new NoSuchFileException(file.toString());
    }
    return owners.getOrDefault(file, 0);
  }

  @Override public int uid() {
    return uid;
  }

  @Override public boolean isDirectory(Path path) {
    return dirs.contains(path);
  }

  @Override public Set<PosixFilePermission> permissions(Path file) throws IOException {
    Set<PosixFilePermission> p = files.get(file);
    if (p == null && special.contains(file)) {
      return PosixFilePermissions.fromString("rw-------");
    }
    if (p == null) {
      if (dirs.contains(file)) {
        return PosixFilePermissions.fromString("rwxr-xr-x");
      }
      throw new NoSuchFileException(file.toString());
    }
    return p;
  }
}
