/**
 * The audit ({@code syncspool verify}): each target compared with its source by rsync itself, a
 * dry run over the whole root with the daemon's own argv ({@link
 * org.syncspool.rsync.RsyncCommand#verify}). The pure core reads rsync's itemized lines
 * ({@link org.syncspool.verify.ItemizedLine}), maps their flags to kinds of drift ({@link
 * org.syncspool.verify.DriftRules}) and folds paths into a per-target {@link
 * org.syncspool.verify.DriftSet}; {@link org.syncspool.verify.Auditor} runs the rsyncs through
 * the {@link org.syncspool.verify.LineRunner} seam; {@link org.syncspool.verify.PathText} prints
 * names unambiguously.
 */
package org.syncspool.verify;
