package org.syncspool.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.syncspool.config.xml.XmlConfigReader;
import org.slf4j.LoggerFactory;

/**
 * Reads a sersync 2.5 {@code confxml.xml} (plus our extensions) into a validated, immutable
 * {@link Config}. Every problem is a {@link ConfigException} with one line
 * {@code FILE:LINE:COL: what is wrong}; the CLI exits 78 (EX_CONFIG) on it.
 */
public final class ConfigLoader {
  /** sersync's sample is 3 KiB; a config of many roots stays far below this. */
  static final long MAX_BYTES = 4L << 20;

  private ConfigLoader() {}

  /** Reads {@code file} and checks it against the real file system. */
  public static Config load(Path file) throws ConfigException {
    return load(file, FileChecks.SYSTEM);
  }

  /**
   * Reads {@code file}, checking paths through {@code checks} ({@code check-targets} passes one
   * that lets a password file with a bad mode through, to report it per target).
   */
  public static Config load(Path file, FileChecks checks) throws ConfigException {
    byte[] bytes;
    try {
      // a FIFO would block the read forever, /dev/zero fill the heap (issue 10 item 8)
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        throw new ConfigException(file, 0, 0, "not a regular file ("
            + (Files.isDirectory(file) ? "a directory" : "a device, FIFO or socket") + ")");
      }
      if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
        throw new ConfigException(file, 0, 0, "larger than " + MAX_BYTES / 1024 / 1024
            + " MiB: not a syncspool configuration");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(file, 0, 0, "cannot read: " + describeIo(e));
    }
    Config c = XmlConfigReader.read(decode(bytes, file), file, checks);
    Overlaps.check(c, Overlaps.SYSTEM);
    for (String w : Overlaps.warnings(c)) {
      LoggerFactory.getLogger(ConfigLoader.class).warn("{}", w);
    }
    return c;
  }

  /**
   * Parses and validates without touching the disk except through {@code checks}.
   *
   * @param fileForMessages the name errors and {@link Config#source()} carry
   */
  public static Config parse(Reader reader, Path fileForMessages, FileChecks checks)
      throws ConfigException {
    StringBuilder text = new StringBuilder();
    char[] buf = new char[8192];
    try {
      for (int n; (n = reader.read(buf)) >= 0; ) {
        text.append(buf, 0, n);
      }
    } catch (IOException e) {
      throw new ConfigException(fileForMessages, 0, 0, "cannot read: " + describeIo(e));
    }
    String xml = text.toString();
    if (xml.startsWith("\uFEFF")) {
      xml = xml.substring(1);
    }
    return XmlConfigReader.read(xml, fileForMessages, checks);
  }

  /** The effective configuration, every setting including defaults; no secrets. */
  public static String describe(Config c) {
    return ConfigDescription.of(c);
  }

  private static final Pattern DECLARED =
      Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

  /**
   * UTF-8 if the bytes are valid UTF-8, whatever the declaration says: sersync read bytes as
   * bytes, its sample declares ISO-8859-1, and real files are edited as UTF-8 (Chinese comments
   * and paths); decoding those as Latin-1 would turn a watch path into mojibake. Otherwise the
   * declared encoding (e.g. a GBK file that says so).
   */
  static String decode(byte[] bytes, Path file) throws ConfigException {
    int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(in).toString();
    } catch (CharacterCodingException notUtf8) {
      String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1);
      Matcher m = DECLARED.matcher(head);
      if (!m.find()) {
        throw new ConfigException(file, 1, 1, "not valid UTF-8 and no encoding declared; "
            + "add <?xml version=\"1.0\" encoding=\"...\"?> or save the file as UTF-8");
      }
      try {
        return new String(bytes, Charset.forName(m.group(1)));
      } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
        throw new ConfigException(file, 1, 1, "not valid UTF-8, and the declared encoding "
            + m.group(1) + " is not supported");
      }
    }
  }

  private static String describeIo(IOException e) {
    String type = e.getClass().getSimpleName();
    return switch (type) {
      case "NoSuchFileException" -> "No such file";
      case "AccessDeniedException" -> "Permission denied";
      case "FileSystemException" -> e.getMessage() == null ? type
          : e.getMessage().lines().findFirst().orElse(type);
      default -> e.getMessage() == null ? type : e.getMessage().lines().findFirst().orElse(type);
    };
  }
}
