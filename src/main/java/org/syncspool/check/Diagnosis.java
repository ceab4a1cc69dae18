package org.syncspool.check;

/**
 * What is wrong with a target, in the operator's words, with what to do about it. One per target
 * line of {@code syncspool check-targets}; only {@link #OK} is fine.
 */
public enum Diagnosis {
  OK("ok", ""),
  HOST_UNKNOWN("host unknown",
      "the host name does not resolve; check the remote's ip attribute and DNS or /etc/hosts"),
  HOST_UNREACHABLE("host unreachable",
      "no route to the host or no answer in time; check that it is up, the address, and firewalls"),
  CONNECTION_REFUSED("connection refused",
      "nothing listens on the port; start the rsync daemon (systemctl enable --now rsync) and "
          + "check the port (873, or <userDefinedPort>/<remote port>) and the firewall"),
  MODULE_UNKNOWN("module unknown",
      "the daemon has no such module; add a [module] section to its rsyncd.conf or fix the "
          + "remote's name attribute"),
  AUTH_FAILED("auth failed",
      "wrong user or password; the password file holds only the password, the daemon's secrets "
          + "file 'user:password' lines (and must be mode 600 too, else every login fails)"),
  ACCESS_DENIED("access denied",
      "the daemon's hosts allow / hosts deny refuses this machine; add its address to the module"),
  BUSY("daemon busy",
      "the daemon's 'max connections' is reached; try again, or raise it in rsyncd.conf"),
  PASSWORD_FILE_MODE("password file not mode 600",
      "rsync refuses a password file others can read; chmod 600 it"),
  PASSWORD_FILE_UNREADABLE("password file unreadable",
      "the password file cannot be opened; check the path and that it is readable"),
  READ_ONLY("module read only",
      "the module refuses writes; set 'read only = no' in its section of rsyncd.conf"),
  NOT_WRITABLE("destination not writable",
      "the probe file could not be written; check the owner and mode of the destination "
          + "directory (an rsync daemon writes as its module's uid, 'nobody' unless set), "
          + "and free space"),
  DESTINATION_MISSING("destination missing",
      "the destination directory does not exist; create it"),
  PROBE_LEFT("probe not removed",
      "the probe file was written but could not be deleted (deletions refused?); "
          + "remove it by hand"),
  SSH_NOT_SET_UP("ssh not set up",
      "rsync over ssh needs sshd on the target and a key login without a prompt for the user "
          + "syncspool runs as, with the host in known_hosts; see docs/target-setup.md"),
  RSYNC_MISSING_ON_TARGET("rsync missing on target",
      "install rsync on the target host"),
  OTHER("failed", "see rsync's message");

  private final String label;
  private final String hint;

  Diagnosis(String label, String hint) {
    this.label = label;
    this.hint = hint;
  }

  /** Short, stable words for the line (tests and scripts grep for them). */
  public String label() {
    return label;
  }

  /** What to do about it. */
  public String hint() {
    return hint;
  }
}
