/**
 * The operator's pre-flight checks, run by hand before (or beside) the daemon:
 * {@link org.syncspool.check.TargetCheck} connects to each target with rsync itself and
 * {@link org.syncspool.check.RsyncDiagnosis} (pure, a table) turns rsync's exit code and words
 * into one {@link org.syncspool.check.Diagnosis}; {@link org.syncspool.check.InotifyLimits}
 * (pure) compares the directories to watch with the kernel's inotify limits, which
 * {@link org.syncspool.check.InotifyUsage} reads from {@code /proc}.
 */
package org.syncspool.check;
