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
    return dirs.contains(path) || files.containsKey(path);
  }

  @Override public boolean isDirectory(Path path) {
    return dirs.contains(path);
  }

  @Override public Set<PosixFilePermission> permissions(Path file) throws IOException {
    Set<PosixFilePermission> p = files.get(file);
    if (p == null) {
      if (dirs.contains(file)) {
        return PosixFilePermissions.fromString("rwxr-xr-x");
      }
      throw new NoSuchFileException(file.toString());
    }
    return p;
  }
}
