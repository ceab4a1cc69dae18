package org.syncspool.config;

import java.nio.file.Path;

/**
 * A configuration error, already worded for the operator: {@link #getMessage()} is the single
 * line {@code FILE:LINE:COL: what is wrong} that the CLI prints after {@code syncspool: }.
 */
public final class ConfigException extends Exception {
  private final Path file;
  private final int line;
  private final int column;
  private final String problem;

  public ConfigException(Path file, int line, int column, String problem) {
    super(file + ":" + line + ":" + column + ": " + problem, null, false, false);
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  public Path file() { return file; }
  public int line() { return line; }
  public int column() { return column; }
  public String problem() { return problem; }
}
