package org.syncspool.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The only disk access {@link ConfigLoader#parse} does: the few facts validation needs. Tests
 * pass a hand-written fake; {@link #SYSTEM} asks the real file system.
 */
public interface FileChecks {

  /** True if something (file, directory, link target) exists at {@code path}. */
  boolean exists(Path path);

  /** True if {@code path} is an existing directory (symbolic links followed). */
  boolean isDirectory(Path path);

  /**
   * The POSIX permissions of {@code file} (links followed).
   *
   * @throws NoSuchFileException if it does not exist
   * @throws IOException         if it cannot be examined
   */
  Set<PosixFilePermission> permissions(Path file) throws IOException;

  /** True if {@code path} is a regular file (symbolic links followed). */
  boolean isRegularFile(Path path);

  /**
   * The uid that owns {@code file} (links followed).
   *
   * @throws IOException if it cannot be examined
   */
  int owner(Path file) throws IOException;

  /** The uid this process runs as (the owner of {@code /proc/self}); -1 when unknown. */
  int uid();

  /** The real file system. */
  FileChecks SYSTEM = new FileChecks() {
    @Override public boolean exists(Path path) {
      return Files.exists(path);
    }

    @Override public boolean isDirectory(Path path) {
      return Files.isDirectory(path);
    }

    @Override public Set<PosixFilePermission> permissions(Path file) throws IOException {
      return Files.getPosixFilePermissions(file);
    }

    @Override public boolean isRegularFile(Path path) {
      return Files.isRegularFile(path);
    }

    @Override public int owner(Path file) throws IOException {
      return (Integer) Files.getAttribute(file, "unix:uid");
    }

    @Override public int uid() {
      try {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }

    @Override public String toString() {
      return "FileChecks.SYSTEM";
    }
  };
}
