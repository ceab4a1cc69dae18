/**
 * Metrics: {@link org.syncspool.metrics.SyncMetrics}, the interface the daemon reports to, and
 * {@link org.syncspool.metrics.MicrometerSyncMetrics}, the only class that imports Micrometer
 * (after HikariCP's metrics tracker: the rest of the code never sees the library). The names are
 * listed in docs/operations.md; the HTTP endpoint that serves them is in {@code service.http}.
 */
@NullMarked
package org.syncspool.metrics;

import org.jspecify.annotations.NullMarked;
