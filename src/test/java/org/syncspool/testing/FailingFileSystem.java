package org.syncspool.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.function.BiPredicate;
import org.syncspool.fs.FileSystem;
import org.syncspool.fs.FileType;

/**
 * A {@link FileSystem} that fails where told: a call {@code failing} matches (by operation and
 * path) throws the IOException {@code error} makes; every other call goes to {@code real}.
 */
public final class FailingFileSystem implements FileSystem {
  /** Which call. */
  public enum Op { LIST, TYPE, CTIME }

  /** Makes the exception for a path. */
  @FunctionalInterface
  public interface Error {
    IOException on(String path);
  }

  private final FileSystem real;
  private final BiPredicate<Op, String> failing;
  private final Error error;

  public FailingFileSystem(FileSystem real, BiPredicate<Op, String> failing, Error error) {
    this.real = real;
    this.failing = failing;
    this.error = error;
  }

  /** Listing {@code dir} fails with EACCES (an unreadable directory: lstat of it still works). */
  public static FailingFileSystem unreadable(FileSystem real, String dir) {
    return new FailingFileSystem(real, (op, p) -> op == Op.LIST && p.equals(dir),
        p -> new IOException(p + ": opendir failed: Permission denied"));
  }

  /** Listing {@code dir} finds it gone, as when it is deleted between being seen and listed. */
  public static FailingFileSystem vanishing(FileSystem real, String dir) {
    return new FailingFileSystem(real, (op, p) -> op == Op.LIST && p.equals(dir),
        p -> new NoSuchFileException(p, null, "opendir failed: No such file or directory"));
  }

  /** Every call on {@code path} fails with EIO (a disk going bad). */
  public static FailingFileSystem broken(FileSystem real, String path) {
    return new FailingFileSystem(real, (op, p) -> p.equals(path),
        p -> new IOException(p + ": Input/output error"));
  }

  @Override
  public void list(byte[] dir, EntryVisitor visitor) throws IOException {
    check(Op.LIST, dir);
    real.list(dir, visitor);
  }

  @Override
  public FileType type(byte[] path) throws IOException {
    check(Op.TYPE, path);
    return real.type(path);
  }

  @Override
  public long ctimeMillis(byte[] path) throws IOException {
    check(Op.CTIME, path);
    return real.ctimeMillis(path);
  }

  private void check(Op op, byte[] path) throws IOException {
    String p = new String(path, StandardCharsets.ISO_8859_1);
    if (failing.test(op, p)) {
      throw error.on(p);
    }
  }
}
