/**
 * The file-system seam: {@link org.syncspool.fs.FileSystem}, the few calls on byte paths that the
 * start-up scan, the filtered tree lister, the change list and the inotify check make (list a
 * directory with its entries' types, the type and the ctime of one path, symlinks never
 * followed). Paths are bytes because names need not be valid in the JVM's charset.
 * {@link org.syncspool.fs.NativeFileSystem} is the real one, over the native leaf
 * {@code watch.inotify.NativeFs}; tests use the in-memory fake and the failing one in
 * {@code src/test/java/org/syncspool/testing/}.
 */
@NullMarked
package org.syncspool.fs;

import org.jspecify.annotations.NullMarked;
