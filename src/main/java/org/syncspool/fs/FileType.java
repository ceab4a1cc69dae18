package org.syncspool.fs;

/** What a path is, as {@code lstat} says (symlinks are never followed). */
public enum FileType {
  MISSING,
  DIRECTORY,
  REGULAR,
  SYMLINK,
  OTHER,
  /** Some file systems report no type in a listing: ask {@link FileSystem#type}. */
  UNKNOWN
}
