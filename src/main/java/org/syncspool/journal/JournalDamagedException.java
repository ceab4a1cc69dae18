package org.syncspool.journal;

import org.jspecify.annotations.Nullable;

/** A journal record that cannot be a batch we wrote, or that Chronicle cannot read (issue 10 item 5). */
public final class JournalDamagedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final JournalCheck.Damage damage;

  JournalDamagedException(JournalCheck.Damage damage, @Nullable Throwable cause) {
    super("journal damaged: " + damage, cause);
    this.damage = damage;
  }

  public JournalCheck.Damage damage() {
    return damage;
  }
}
