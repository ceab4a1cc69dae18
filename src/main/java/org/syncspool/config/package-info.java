/**
 * The configuration: immutable records ({@link org.syncspool.config.Config} and its parts) and
 * {@link org.syncspool.config.ConfigLoader}, which reads a sersync 2.5 {@code confxml.xml} (plus
 * our additive extensions), fills defaults, validates once and freezes. Disk access during
 * validation goes through {@link org.syncspool.config.FileChecks} so the loader is testable from
 * a Reader. Errors are {@link org.syncspool.config.ConfigException}s, one line each.
 */
package org.syncspool.config;
