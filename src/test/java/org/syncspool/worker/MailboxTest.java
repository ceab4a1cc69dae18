package org.syncspool.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.syncspool.worker.Mailbox.Mail;
import org.syncspool.testing.FakeScheduler;
import org.syncspool.time.Waiter;

/** The mailbox on a fake scheduler: what a wait is for, what stays, exact deadlines. */
class MailboxTest {
  private final FakeScheduler scheduler = new FakeScheduler();
  private final Mailbox box = new Mailbox(scheduler);

  @Test
  void mailAWaitIsNotForStaysInTheBoxAndDoesNotEndTheWait() {
    AtomicReference<Set<Mail>> got = new AtomicReference<>();
    AtomicReference<Long> at = new AtomicReference<>();
    scheduler.start("w", () -> {
      got.set(box.await(EnumSet.of(Mail.STOP), scheduler.deadlineAfterMillis(1000)));
      at.set(scheduler.millis());
    });
    scheduler.runUntilIdle();
    box.post(Mail.FULL_SYNC);
    box.post(Mail.JOURNAL_GREW);
    scheduler.advanceBy(999);
    assertThat(got.get()).isNull();

    scheduler.advanceBy(1);
    assertThat(got.get()).isEmpty();
    assertThat(at.get()).isEqualTo(1000);
    assertThat(box.take(Mail.FULL_SYNC)).isTrue();
    assertThat(box.take(Mail.FULL_SYNC)).isFalse();
    assertThat(box.has(Mail.JOURNAL_GREW)).isTrue();
  }

  @Test
  void mailAWaitIsForEndsItAtThatMoment() {
    AtomicReference<Long> at = new AtomicReference<>();
    scheduler.start("w", () -> {
      box.await(EnumSet.of(Mail.JOURNAL_GREW, Mail.STOP), Waiter.NEVER);
      at.set(scheduler.millis());
    });
    scheduler.advanceBy(250);
    box.post(Mail.JOURNAL_GREW);
    scheduler.runUntilIdle();
    assertThat(at.get()).isEqualTo(250);
  }

  @Test
  void mailPostedBeforeTheWaitIsNotLost() {
    box.post(Mail.FLUSH);
    AtomicReference<Set<Mail>> got = new AtomicReference<>();
    scheduler.start("w", () -> got.set(box.await(EnumSet.of(Mail.FLUSH), Waiter.NEVER)));
    scheduler.runUntilIdle();
    assertThat(got.get()).containsExactly(Mail.FLUSH);
  }

  @Test
  void stopStaysOnceTaken() {
    box.post(Mail.STOP);
    assertThat(box.take(Mail.STOP)).isTrue();
    assertThat(box.has(Mail.STOP)).isTrue();
  }
}
