package org.syncspool.dirfd;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

/**
 * The daemon's own files (state directory, failed lists, change list, scratch space), opened
 * without following a symlink at the file, in directories nobody else can change
 * (docs/security.md). A symlink where one of these files should be, or a directory another
 * user could swap, is refused with one line saying which and why.
 */
public final class NoFollow {
  private static final long UID = new com.sun.security.auth.module.UnixSystem().getUid();
  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private NoFollow() {}

  /** {@link FileChannel#open} with {@code NOFOLLOW_LINKS}; a symlink at {@code file} is refused. */
  public static FileChannel open(Path file, Set<? extends OpenOption> options,
                                 FileAttribute<?>... attrs) throws IOException {
    Set<OpenOption> o = new HashSet<>(options);
    o.add(LinkOption.NOFOLLOW_LINKS);
    try {
      return FileChannel.open(file, o, attrs);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) { // ELOOP: a plain IOException "Too many levels of symbolic links"
      if (Files.isSymbolicLink(file)) {
        throw refused(file);
      }
      throw e;
    }
  }

  /** The one line for a symlink where a file of ours should be. */
  public static IOException refused(Path file) {
    return new IOException("refusing " + file + ": it is a symbolic link, and syncspool never "
        + "writes through one (remove it; see who can write " + file.getParent() + ")");
  }

  /**
   * Creates {@code dir} and its missing parents (new ones mode 0700), then checks that neither
   * it nor a directory above it can be replaced by another user: {@code dir} is a real
   * directory (not a symlink) owned by this user, and every directory above its real path is
   * owned by root or this user and writable by no one else (a sticky one such as /tmp is fine).
   *
   * @return {@code dir}
   */
  public static Path directory(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
      createMissing(abs);
    }
    if (Files.isSymbolicLink(abs)) {
      throw new IOException("refusing directory " + abs + ": it is a symbolic link (syncspool "
          + "keeps its files only in real directories)");
    }
    if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("refusing " + abs + ": not a directory");
    }
    if (owner(abs) != UID) {
      throw new IOException("refusing directory " + abs + ": owned by uid " + owner(abs)
          + ", not by this user (uid " + UID + ")");
    }
    for (Path p = abs.toRealPath(); p != null; p = p.getParent()) {
      String why = unsafe(p, p.equals(abs.toRealPath()));
      if (why != null) {
        throw new IOException("refusing directory " + abs + ": " + why);
      }
    }
    return dir;
  }

  private static void createMissing(Path abs) throws IOException {
    Path parent = abs.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createMissing(parent);
    }
    try {
      Files.createDirectory(abs, PRIVATE_DIR);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // a race with another creator, or a symlink: checked by the caller
    }
  }

  /** Why another user could change what is in {@code p}, or null. */
  private static String unsafe(Path p, boolean self) throws IOException {
    long owner = owner(p);
    if (owner != 0 && owner != UID) {
      return p + " is owned by uid " + owner + ", who could replace what is in it";
    }
    int mode = (Integer) Files.getAttribute(p, "unix:mode");
    boolean sticky = (mode & 01000) != 0;
    int gid = (Integer) Files.getAttribute(p, "unix:gid");
    if ((mode & 0002) != 0 && !(sticky && !self)) {
      return p + " is writable by every user";
    }
    if ((mode & 0020) != 0 && gid != 0 && !(sticky && !self)) {
      return p + " is writable by group " + gid;
    }
    return null;
  }

  private static long owner(Path p) throws IOException {
    return ((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
  }
}
