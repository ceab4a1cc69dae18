package org.syncspool.service;

/** A failure that ends the process with a given exit code and a one-line message for the operator. */
public final class FatalException extends Exception {
  private final ExitCode exitCode;

  public FatalException(ExitCode exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public FatalException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause, false, false);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
