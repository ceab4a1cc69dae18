package org.syncspool.failures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * One {@link FailedEntry} per JSON line. A path that is valid UTF-8 is written as {@code "path"}
 * (greppable); any other bytes (a legacy GBK name) as base64 in {@code "path64"}, so every name
 * survives the round trip exactly.
 */
final class EntryCodec {
  /** rsync's stderr tail is capped per line: a 100k-path batch must not write 100k copies of 4 KiB. */
  static final int MAX_ERROR_CHARS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  private EntryCodec() {}

  static String encode(FailedEntry e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("time", e.time().toString());
    n.put("target", e.target());
    byte[] path = e.path();
    String utf8 = utf8(path);
    if (utf8 != null) {
      n.put("path", utf8);
    } else {
      n.put("path64", Base64.getEncoder().encodeToString(path));
    }
    n.put("tree", e.tree());
    n.put("exit", e.exit());
    n.put("attempts", e.attempts());
    String err = e.error();
    n.put("error", err.length() > MAX_ERROR_CHARS ? err.substring(0, MAX_ERROR_CHARS) : err);
    return n.toString(); // Jackson escapes control characters, so this is one line
  }

  /** @throws IllegalArgumentException with a short reason when the line is not an entry */
  static FailedEntry decode(String line) {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    byte[] path;
    if (n.hasNonNull("path")) {
      path = n.get("path").asText().getBytes(StandardCharsets.UTF_8);
    } else if (n.hasNonNull("path64")) {
      try {
        path = Base64.getDecoder().decode(n.get("path64").asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("path64 is not base64");
      }
    } else {
      throw new IllegalArgumentException("no path");
    }
    if (!n.hasNonNull("target")) {
      throw new IllegalArgumentException("no target");
    }
    if (path.length > 0 && (path[0] == '/' || hasDotDot(path))) {
      throw new IllegalArgumentException("path must be relative, without '..'");
    }
    Instant time;
    try {
      time = n.hasNonNull("time") ? Instant.parse(n.get("time").asText()) : Instant.EPOCH;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("bad time");
    }
    return new FailedEntry(time, n.get("target").asText(), path, n.path("tree").asBoolean(false),
        n.path("exit").asInt(0), Math.max(0, n.path("attempts").asInt(0)),
        n.path("error").asText(""));
  }

  private static boolean hasDotDot(byte[] path) {
    // ".." as a whole component only: "a..b" is a fine name.
    int start = 0;
    for (int i = 0; i <= path.length; i++) {
      if (i == path.length || path[i] == '/') {
        if (i - start == 2 && path[start] == '.' && path[start + 1] == '.') {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  private static @Nullable String utf8(byte[] b) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
