package org.syncspool.transfer;

import org.syncspool.batch.PathKey;
import org.syncspool.rsync.RsyncCommand;
import java.io.IOException;
import java.nio.file.Path;
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

  /** The real source tree under {@code root}, looked at with lstat on the path's bytes. */
  static SourcePresence of(Path root) {
    return of(root, NativeFileSystem.INSTANCE);
  }

  /** The source tree under {@code root} as {@code fs} sees it. */
  static SourcePresence of(Path root, FileSystem fs) {
    byte[] base = FileSystem.bytes(root);
    return p -> {
      if (p.isRoot()) {
        return false;
      }
      byte[] rel = p.bytes();
      byte[] abs = FileSystem.join(base, rel, 0, rel.length);
      try {
        return fs.type(abs) == FileType.MISSING;
      } catch (IOException e) {
        return false; // cannot tell: let the copy run see it (rsync reports what is wrong)
      }
    };
  }
}
