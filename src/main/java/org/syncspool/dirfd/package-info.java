/**
 * Native leaf (docs/security.md): files created inside a directory that other users may write,
 * relative to a descriptor of that directory, with {@code O_CREAT|O_EXCL|O_NOFOLLOW}, so a
 * symlink or a file planted under the name is never followed, truncated or reused. It creates
 * and removes names; what to name them and when is decided by its callers.
 */
package org.syncspool.dirfd;
