package org.syncspool.watch.fanotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncspool.watch.fanotify.sys.FanConst.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bytes in, calls out: one cell per record shape the kernel produces. */
class FanotifyDecoderTest {
  private final List<String> calls = new ArrayList<>();
  private final FanotifyDecoder.Handler recorder = new FanotifyDecoder.Handler() {
    @Override
    public void event(long mask, byte[] buf, int fidOff, int fidLen, int nameOff, int nameLen) {
      calls.add("event " + Long.toHexString(mask) + " dir" + dir(buf, fidOff, fidLen) + " '"
          + new String(buf, nameOff, nameLen, StandardCharsets.UTF_8) + "'");
    }

    @Override
    public void renamed(long mask, byte[] buf, int oldFidOff, int oldFidLen, int oldNameOff,
                        int oldNameLen, int newFidOff, int newFidLen, int newNameOff,
                        int newNameLen) {
      calls.add("renamed dir" + dir(buf, oldFidOff, oldFidLen) + " '"
          + new String(buf, oldNameOff, oldNameLen, StandardCharsets.UTF_8) + "' -> dir"
          + dir(buf, newFidOff, newFidLen) + " '"
          + new String(buf, newNameOff, newNameLen, StandardCharsets.UTF_8) + "'");
    }

    @Override
    public void overflow() {
      calls.add("overflow");
    }

    @Override
    public void unreadable(long mask, int version) {
      calls.add("unreadable v" + version);
    }
  };

  /** Which test directory a fid names; -1 when the bytes are not a fid of EventBytes. */
  private static int dir(byte[] buf, int off, int len) {
    byte[] want = EventBytes.fid(FanotifyDecoder.getInt(buf, off + 16));
    return Arrays.equals(buf, off, off + len, want, 0, want.length)
        ? FanotifyDecoder.getInt(buf, off + 16) : -1;
  }

  private int decode(byte[] b) {
    return new FanotifyDecoder().decode(b, 0, b.length, recorder);
  }

  @Test
  void anEntryEventNamesItsDirectoryAndTheName() {
    byte[] b = new EventBytes().event(FAN_CREATE, 7, "a.txt").bytes();
    assertThat(decode(b)).isEqualTo(b.length);
    assertThat(calls).containsExactly("event 100 dir7 'a.txt'");
  }

  @Test
  void mergedKindsArriveAsOneMask() {
    decode(new EventBytes().event(FAN_CREATE | FAN_CLOSE_WRITE | FAN_ATTRIB, 1, "f").bytes());
    assertThat(calls).containsExactly("event 10c dir1 'f'");
  }

  @Test
  void theDirectoryItselfHasAnEmptyName() {
    decode(new EventBytes().event(FAN_ATTRIB | FAN_ONDIR, 3, null).bytes());
    assertThat(calls).containsExactly("event 40000004 dir3 ''");
  }

  @Test
  void aDfidRecordWithoutANameIsTheDirectoryItself() {
    decode(new EventBytes().raw(FAN_ATTRIB | FAN_ONDIR,
        EventBytes.record(FAN_EVENT_INFO_TYPE_DFID, 5, null)).bytes());
    assertThat(calls).containsExactly("event 40000004 dir5 ''");
  }

  @Test
  void aRenameGivesBothNames() {
    decode(new EventBytes().rename(FAN_ONDIR, 1, "old", 2, "new").bytes());
    assertThat(calls).containsExactly("renamed dir1 'old' -> dir2 'new'");
  }

  @Test
  void overflowHasNoRecords() {
    decode(new EventBytes().overflow().bytes());
    assertThat(calls).containsExactly("overflow");
  }

  @Test
  void severalEventsInOneReadInOrder() {
    decode(new EventBytes().event(FAN_CREATE, 1, "a").event(FAN_DELETE, 2, "b")
        .rename(0, 1, "c", 1, "d").bytes());
    assertThat(calls).containsExactly("event 100 dir1 'a'", "event 200 dir2 'b'",
        "renamed dir1 'c' -> dir1 'd'");
  }

  @Test
  void anotherMetadataVersionIsSkippedNotMisread() {
    decode(new EventBytes().raw(FAN_CREATE, EventBytes.record(FAN_EVENT_INFO_TYPE_DFID_NAME, 1,
        "x"), 4).event(FAN_CREATE, 1, "y").bytes());
    assertThat(calls).containsExactly("unreadable v4", "event 100 dir1 'y'");
  }

  @Test
  void anEventWithoutADirectoryRecordIsUnreadable() {
    decode(new EventBytes().raw(FAN_CREATE, new byte[] {99, 0, 8, 0, 0, 0, 0, 0}).bytes());
    assertThat(calls).containsExactly("unreadable v3");
  }

  @Test
  void aTruncatedEventIsNotConsumed() {
    byte[] whole = new EventBytes().event(FAN_CREATE, 1, "a").event(FAN_CREATE, 1, "b").bytes();
    byte[] cut = Arrays.copyOf(whole, whole.length - 5);
    int used = decode(cut);
    assertThat(calls).containsExactly("event 100 dir1 'a'");
    assertThat(used).isEqualTo(whole.length / 2);
  }

  @Test
  void namesAreBytesNotText() {
    byte[] rec = EventBytes.record(FAN_EVENT_INFO_TYPE_DFID_NAME, 1, "zz");
    int nameAt = 4 + EventBytes.fid(1).length;
    rec[nameAt] = (byte) 0xB2;
    rec[nameAt + 1] = (byte) 0xE2;
    byte[] b = new EventBytes().raw(FAN_CREATE, rec).bytes();
    byte[][] seen = new byte[1][];
    new FanotifyDecoder().decode(b, 0, b.length, new FanotifyDecoder.Handler() {
      @Override
      public void event(long mask, byte[] buf, int fidOff, int fidLen, int nameOff, int nameLen) {
        seen[0] = Arrays.copyOfRange(buf, nameOff, nameOff + nameLen);
      }

      @Override
      public void renamed(long m, byte[] b2, int a, int c, int d, int e, int f, int g, int h,
                          int i) {}

      @Override
      public void overflow() {}

      @Override
      public void unreadable(long mask, int version) {}
    });
    assertThat(seen[0]).containsExactly((byte) 0xB2, (byte) 0xE2);
  }
}
