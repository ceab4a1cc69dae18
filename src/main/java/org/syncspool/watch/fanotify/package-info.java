/**
 * The whole-filesystem watcher: fanotify filesystem marks with {@code FAN_REPORT_DFID_NAME}
 * (docs/architecture.md, "Watchers"). Pure parts: the event decoder ({@code FanotifyDecoder}),
 * the fid → path cache ({@code HandleCache}), {@code /proc/self/mountinfo} ({@code MountTable})
 * and the translation into {@code EventBatch} records ({@code FanotifyTranslator}, behind the
 * {@code Resolver} seam). {@code FanotifyGroup} makes the group and says why it cannot;
 * {@code FanotifyWatcher} reads it. The native calls are in {@code watch.fanotify.sys}.
 */
package org.syncspool.watch.fanotify;
