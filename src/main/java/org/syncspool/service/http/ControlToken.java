package org.syncspool.service.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The daemon's control token (docs/security.md): 256 random bits, new at every start, written to
 * {@code STATEDIR/control.token} (0600, the daemon's user). Whoever can read that file may make
 * the daemon work ({@code POST}); the daemon proves it is the daemon by answering a client's
 * challenge with {@code HMAC-SHA256(token, challenge)}, so {@code syncspool flush} and
 * {@code status} notice a process that bound the port first, without sending it the token.
 */
public final class ControlToken {
  /** The file name under the state directory. */
  public static final String FILE = "control.token";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String value;

  private ControlToken(String value) {
    this.value = value;
  }

  /** A fresh token, for tests and for {@link #publish}. */
  public static ControlToken random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return new ControlToken(HexFormat.of().formatHex(b));
  }

  /** A token read back by a client. */
  public static ControlToken of(String value) {
    return new ControlToken(value.strip());
  }

  /**
   * A fresh token written to {@code stateDir/control.token}: a new 0600 file (created, never
   * opened through a symlink) renamed over the old one, so whatever was at the name is replaced,
   * never written through.
   */
  public static ControlToken publish(Path stateDir) throws IOException {
    ControlToken t = random();
    Path tmp = stateDir.resolve(FILE + "." + HexFormat.of().formatHex(randomBytes(8)));
    try {
      Files.write(tmp, (t.value + "\n").getBytes(StandardCharsets.US_ASCII),
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      try {
        Files.move(tmp, stateDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot rename " + tmp + " over " + FILE, e);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return t;
  }

  /** The token in {@code stateDir}, empty when there is none (no daemon ever started there). */
  public static Optional<ControlToken> read(Path stateDir) throws IOException {
    try {
      byte[] b = Files.readAllBytes(stateDir.resolve(FILE));
      return b.length == 0 || b.length > 200 ? Optional.empty()
          : Optional.of(of(new String(b, StandardCharsets.US_ASCII)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** The token itself: only for an {@code Authorization: Bearer} header or an authorized page. */
  public String value() {
    return value;
  }

  /** Constant-time comparison with what a client presented. */
  public boolean matches(@Nullable String presented) {
    return presented != null && MessageDigest.isEqual(
        value.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
  }

  /** What the daemon answers to {@code challenge}: proves it holds the token, reveals nothing. */
  public String proof(String challenge) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(value.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      return HexFormat.of().formatHex(
          mac.doFinal(("syncspool-proof:" + challenge).getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** A fresh challenge for a client to send. */
  public static String challenge() {
    return HexFormat.of().formatHex(randomBytes(16));
  }

  @Override
  public String toString() {
    return "ControlToken[****]"; // never in a log
  }
}
