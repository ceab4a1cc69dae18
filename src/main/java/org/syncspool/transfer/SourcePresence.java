package org.syncspool.transfer;

import org.syncspool.batch.PathKey;
import org.syncspool.rsync.RsyncCommand;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.syncspool.fs.FileSystem;
import org.syncspool.fs.FileType;
import org.syncspool.fs.NativeFileSystem;

/**
 * Whether a batch's path is still on the source, asked just before its runs: the paths that are
 * gone go to the deletion run ({@link RsyncCommand#deletions}) instead of the copy run. A path
 * may change between this look and rsync's; that is safe both ways (docs/architecture.md, rsync
 * techniques: deletions).
 */
@FunctionalInterface
public interface SourcePresence {
  /** Nothing is missing: for tests of runs that copy only. */
  SourcePresence ALL_PRESENT = p -> false;

  /** True when {@code path} (relative to the root) is not on the source; symlinks not followed. */
  boolean missing(PathKey path);

  /**
   * True when {@code path} (relative to the root) is itself a symbolic link; a batch's paths
   * below one are refused ({@link LinkedParents}). Nothing is a link: for tests.
   */
  default boolean symlink(PathKey path) {
    return false;
  }

  /** The real source tree under {@code root}, looked at with lstat on the path's bytes. */
  static SourcePresence of(Path root) {
    return of(root, NativeFileSystem.INSTANCE);
  }

  /** The source tree under {@code root} as {@code fs} sees it. */
  static SourcePresence of(Path root, FileSystem fs) {
    byte[] base = FileSystem.bytes(root);
    return new SourcePresence() {
      @Override public boolean missing(PathKey p) {
        return !p.isRoot() && type(p) == FileType.MISSING;
      }

      @Override public boolean symlink(PathKey p) {
        if (p.isRoot()) {
          return false;
        }
        FileType t = type(p);
        // cannot tell: refused too, a link is what it would have to rule out
        return t == null || t == FileType.SYMLINK;
      }

      private @Nullable FileType type(PathKey p) {
        byte[] rel = p.bytes();
        try {
          return fs.type(FileSystem.join(base, rel, 0, rel.length));
        } catch (IOException e) {
          return null; // cannot tell
        }
      }
    };
  }
}
