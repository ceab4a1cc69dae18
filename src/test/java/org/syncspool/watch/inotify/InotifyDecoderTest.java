package org.syncspool.watch.inotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncspool.watch.inotify.InotifyMask.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InotifyDecoderTest {
  /** Builds kernel-shaped records. */
  static final class Records {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Records add(int wd, int mask, int cookie, String name, int padTo) {
      byte[] n = name.getBytes(StandardCharsets.UTF_8);
      int size = name.isEmpty() ? 0 : Math.max(padTo, n.length + 1);
      putInt(wd);
      putInt(mask);
      putInt(cookie);
      putInt(size);
      out.write(n, 0, n.length);
      for (int i = n.length; i < size; i++) {
        out.write(0);
      }
      return this;
    }

    Records add(int wd, int mask, int cookie, String name) {
      return add(wd, mask, cookie, name, (name.length() + 1 + 15) / 16 * 16);
    }

    private void putInt(int v) {
      out.write(v);
      out.write(v >>> 8);
      out.write(v >>> 16);
      out.write(v >>> 24);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  /** Records handler calls as strings. */
  static class Log implements InotifyDecoder.Handler {
    final List<String> calls = new ArrayList<>();

    private static String s(byte[] b, int off, int len) {
      return new String(b, off, len, StandardCharsets.UTF_8);
    }

    @Override
    public void event(int wd, int mask, int cookie, byte[] name, int off, int len) {
      calls.add("event " + wd + " " + Integer.toHexString(mask) + " " + s(name, off, len));
    }

    @Override
    public void moved(int fromWd, byte[] fromName, int fromOff, int fromLen, int toWd,
                      byte[] toName, int toOff, int toLen, int cookie, boolean dir) {
      calls.add("moved " + fromWd + ":" + s(fromName, fromOff, fromLen) + " -> " + toWd + ":"
          + s(toName, toOff, toLen) + " c" + cookie + (dir ? " dir" : ""));
    }

    @Override
    public void movedOut(int wd, byte[] name, int off, int len, int cookie, boolean dir) {
      calls.add("out " + wd + ":" + s(name, off, len) + " c" + cookie + (dir ? " dir" : ""));
    }

    @Override
    public void movedIn(int wd, byte[] name, int off, int len, int cookie, boolean dir) {
      calls.add("in " + wd + ":" + s(name, off, len) + " c" + cookie + (dir ? " dir" : ""));
    }

    @Override
    public void ignored(int wd) {
      calls.add("ignored " + wd);
    }

    @Override
    public void overflow() {
      calls.add("overflow");
    }
  }

  private final InotifyDecoder decoder = new InotifyDecoder();
  private final Log log = new Log();

  private int decode(byte[] b) {
    return decoder.decode(b, 0, b.length, log);
  }

  @Test
  void normalEventsWithPaddedNames() {
    byte[] b = new Records()
        .add(1, IN_CREATE, 0, "a.txt")
        .add(1, IN_CLOSE_WRITE, 0, "a.txt", 64)
        .add(2, IN_CREATE | IN_ISDIR, 0, "sub")
        .add(1, IN_ATTRIB, 0, "")
        .bytes();
    assertThat(decode(b)).isEqualTo(b.length);
    assertThat(log.calls).containsExactly(
        "event 1 100 a.txt", "event 1 8 a.txt", "event 2 40000100 sub", "event 1 4 ");
  }

  @Test
  void offsetIntoBufferIsHonoured() {
    byte[] recs = new Records().add(3, IN_DELETE, 0, "x").bytes();
    byte[] b = new byte[recs.length + 10];
    System.arraycopy(recs, 0, b, 7, recs.length);
    assertThat(decoder.decode(b, 7, recs.length, log)).isEqualTo(recs.length);
    assertThat(log.calls).containsExactly("event 3 200 x");
  }

  @Test
  void pairedMoveInOneBuffer() {
    decode(new Records()
        .add(1, IN_MOVED_FROM, 77, "old")
        .add(2, IN_MOVED_TO, 77, "new")
        .bytes());
    assertThat(log.calls).containsExactly("moved 1:old -> 2:new c77");
    assertThat(decoder.hasPending()).isFalse();
  }

  @Test
  void movedFromAtEndOfOneBufferPairsWithToInTheNext() {
    byte[] first = new Records()
        .add(1, IN_CREATE, 0, "f")
        .add(1, IN_MOVED_FROM | IN_ISDIR, 9, "olddir")
        .bytes();
    decode(first);
    assertThat(decoder.hasPending()).isTrue();
    // the caller reuses its buffer: the pending name must survive being overwritten
    java.util.Arrays.fill(first, (byte) 'z');
    decode(new Records().add(4, IN_MOVED_TO | IN_ISDIR, 9, "newdir").bytes());
    assertThat(log.calls).containsExactly("event 1 100 f", "moved 1:olddir -> 4:newdir c9 dir");
  }

  @Test
  void unpairedFromIsFlushedAsMovedOut() {
    decode(new Records().add(1, IN_MOVED_FROM, 5, "gone").bytes());
    assertThat(log.calls).isEmpty();
    decoder.flushPending(log);
    assertThat(log.calls).containsExactly("out 1:gone c5");
    decoder.flushPending(log);
    assertThat(log.calls).hasSize(1);
  }

  @Test
  void unpairedFromIsMovedOutWhenAnotherEventFollows() {
    decode(new Records()
        .add(1, IN_MOVED_FROM, 5, "gone")
        .add(1, IN_MOVED_TO, 6, "other")
        .add(1, IN_MOVED_FROM, 7, "x")
        .add(1, IN_CREATE, 0, "y")
        .bytes());
    assertThat(log.calls).containsExactly("out 1:gone c5", "in 1:other c6", "out 1:x c7",
        "event 1 100 y");
  }

  @Test
  void unpairedToIsMovedIn() {
    decode(new Records().add(2, IN_MOVED_TO | IN_ISDIR, 3, "came").bytes());
    assertThat(log.calls).containsExactly("in 2:came c3 dir");
  }

  @Test
  void overflowHasNoNameAndFlushesPending() {
    decode(new Records()
        .add(1, IN_MOVED_FROM, 5, "a")
        .add(-1, IN_Q_OVERFLOW, 0, "")
        .add(1, IN_CREATE, 0, "b")
        .bytes());
    assertThat(log.calls).containsExactly("out 1:a c5", "overflow", "event 1 100 b");
  }

  @Test
  void ignoredIsPassed() {
    decode(new Records().add(8, IN_IGNORED, 0, "").bytes());
    assertThat(log.calls).containsExactly("ignored 8");
  }

  @Test
  void truncatedTrailingRecordIsNotConsumed() {
    byte[] whole = new Records().add(1, IN_CREATE, 0, "a").add(1, IN_CREATE, 0, "bbbb").bytes();
    int firstLen = InotifyDecoder.HEADER + 16;
    // cut inside the second record's name, then inside its header
    assertThat(decoder.decode(whole, 0, whole.length - 3, log)).isEqualTo(firstLen);
    assertThat(decoder.decode(whole, 0, firstLen + 5, log)).isEqualTo(firstLen);
    assertThat(log.calls).containsExactly("event 1 100 a", "event 1 100 a");
  }

  @Test
  void invalidUtf8NameBytesArePassedThrough() {
    byte[] b = new Records().add(1, IN_CREATE, 0, "xx").bytes();
    b[16] = (byte) 0xB2;
    b[17] = (byte) 0xE2;
    byte[][] seen = new byte[1][];
    decoder.decode(b, 0, b.length, new Log() {
      @Override
      public void event(int wd, int mask, int cookie, byte[] name, int off, int len) {
        seen[0] = java.util.Arrays.copyOfRange(name, off, off + len);
      }
    });
    assertThat(seen[0]).containsExactly(0xB2, 0xE2);
  }
}
