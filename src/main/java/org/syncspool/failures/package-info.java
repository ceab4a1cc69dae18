/**
 * The failed-transfer list: paths a target refused after every retry, kept on disk per target
 * (JSON lines, mode 0600, fsync on append, file-locked against a concurrent replay), and the
 * replay that re-syncs them in batches. The list is data, never executed (unlike sersync's
 * shell-script fail log).
 */
@NullMarked
package org.syncspool.failures;

import org.jspecify.annotations.NullMarked;
