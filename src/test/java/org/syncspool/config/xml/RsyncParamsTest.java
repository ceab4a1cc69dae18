package org.syncspool.config.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RsyncParamsTest {

  @Test
  void splitsOnWhitespaceAndQuotes() {
    assertThat(RsyncParams.split("  -artuz\t--exclude '*.tmp'  --chmod=\"D755, F644\" ''"))
        .containsExactly("-artuz", "--exclude", "*.tmp", "--chmod=D755, F644", "");
    assertThat(RsyncParams.split("")).isEmpty();
  }

  @Test
  void unterminatedQuote() {
    assertThatThrownBy(() -> RsyncParams.split("-a \"x")).hasMessage("unterminated \" quote");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "-artuz", "-az --exclude *.tmp", "-a -T /tmp/R", "-a -T/tmp/R", "-a -f '- *.o'",
      "-az --bwlimit 100", "-a --delay-updates", "-a --no-relative", "-aH --numeric-ids",
      "-a --link-dest /old", "-a --include=x --exclude=*"})
  void acceptsWhatSyncspoolDoesNotControl(String params) {
    assertThatCode(() -> RsyncParams.check(RsyncParams.split(params))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "-R", "-artuzR", "--relative", "--delete", "--delete-after", "--delete-excluded", "--del",
      "--files-from=x", "--files-from x", "--from0", "-0", "-a0", "-e ssh", "-avze ssh",
      "--rsh=ssh", "--password-file=/p", "--remove-source-files", "--ignore-missing-args",
      "--server", "-a /etc", "-a --", "-a -", "-a x"})
  void refusesWhatSyncspoolControls(String params) {
    List<String> words = RsyncParams.split(params);
    assertThatThrownBy(() -> RsyncParams.check(words))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'")
        .hasMessageEndingWith("; remove it");
  }

  /** params | what runs | whether -u was there. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "-artuz               | -artz                 | true",
      "-u -a                | -a                    | true",
      "-a --update          | -a                    | true",
      "-az                  | -az                   | false",
      "-aT/tmp/u            | -aT/tmp/u             | false",
      "-auT /tmp/u          | -aT /tmp/u            | true",
      "-a --exclude -u      | -a --exclude -u       | false",
      "-a --exclude=*.u -uz | -a --exclude=*.u -z   | true",
      "-a --chmod u+w       | -a --chmod u+w        | false",
      "-a --update=x        | -a                    | true"})
  void updateIsDropped(String params, String runs, boolean dropped) {
    RsyncParams.Stripped s = RsyncParams.withoutUpdate(RsyncParams.split(params));
    assertThat(s.words()).containsExactlyElementsOf(RsyncParams.split(runs));
    assertThat(s.droppedUpdate()).isEqualTo(dropped);
  }
}
