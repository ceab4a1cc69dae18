package org.syncspool.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.syncspool.text.PathEscape;

/**
 * logback's {@code %msg} kept on one line (issue 10 item 6, docs/security.md): the paths the code
 * logs are escaped where they are logged ({@link PathEscape}); this is the net under every other
 * message, such as an exception's text that quotes a name. A control character, C1 control or
 * line separator left in a message is printed as {@code \xNN} bytes; a backslash is left alone
 * here, since the names in the message are escaped already.
 */
public final class OneLineMessage extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return oneLine(event.getFormattedMessage());
  }

  static String oneLine(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (int k = i; k < s.length(); k++) {
          char d = s.charAt(k);
          if (d < 0x20 || d == 0x7f || (d >= 0x80 && d <= 0x9f) || d == '\u2028' || d == '\u2029') {
            // the character's own UTF-8 bytes, as PathEscape prints them
            for (byte b : String.valueOf(d).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
              sb.append("\\x").append(Character.forDigit((b >> 4) & 15, 16))
                  .append(Character.forDigit(b & 15, 16));
            }
          } else {
            sb.append(d);
          }
        }
        return sb.toString();
      }
    }
    return s;
  }
}
