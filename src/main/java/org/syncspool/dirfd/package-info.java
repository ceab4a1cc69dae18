/**
 * Files the daemon creates, never through a symlink (docs/security.md). {@code DirHandle}
 * (native): files created inside a directory that other users may write,
 * relative to a descriptor of that directory, with {@code O_CREAT|O_EXCL|O_NOFOLLOW}, so a
 * symlink or a file planted under the name is never followed, truncated or reused. It creates
 * and removes names; what to name them and when is decided by its callers. {@code NoFollow}:
 * the daemon's own files and directories opened with {@code NOFOLLOW_LINKS}, in directories
 * no other user can change.
 */
package org.syncspool.dirfd;
