package org.syncspool.config;

import java.nio.file.Path;

/** sersync's {@code <failLog path timeToExecute>}: where failed transfers go, replay period (minutes). */
public record FailLog(Path path, int timeToExecuteMinutes) {}
