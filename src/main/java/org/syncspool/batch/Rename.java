package org.syncspool.batch;


/**
 * A rename seen inside one batch: an IN_MOVED_FROM and IN_MOVED_TO with the same cookie, both in
 * the synced set of one root. Only a hint for {@code RenameRuns}: the batch also lists
 * {@code from} (deleted on the target) and {@code to} (sent), so it is correct without it.
 *
 * @param from the old path
 * @param to   the new path
 * @param dir  true for a directory (sent with {@code --link-dest}), false for a file
 *             ({@code --fuzzy})
 */
public record Rename(PathKey from, PathKey to, boolean dir) {
}
