/**
 * The standby rsync: per target, one rsync process started ahead with the ordinary batch
 * command ({@code --from0 --files-from=-}), connected and authenticated, blocked reading its file
 * list on stdin. A batch with that command is handed to it (its paths on stdin) instead of
 * paying for a new process, connection and login; a batch with another command (a subtree with
 * {@code -r}, a rename with {@code --link-dest}, a full sync) starts its own process. A standby
 * holds no paths until a batch is decided, is replaced before a timeout can end it, and one that
 * died is replaced with backoff while the batch runs as an ordinary cold run
 * (docs/performance.md, "Standby rsync").
 */
package org.syncspool.standby;
