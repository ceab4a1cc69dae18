package org.syncspool.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FilterRulesTest {
  @Test
  void rulesMatchNamesLiterally() {
    assertThat(new String(FilterRules.rule('+', "a*b".getBytes(), ""))).isEqualTo("+ /a\\*b");
    assertThat(new String(FilterRules.rule('+', "a\\b".getBytes(), ""))).isEqualTo("+ /a\\b");
    // the suffix's wildcard makes rsync read backslashes as escapes: the name's are escaped
    assertThat(new String(FilterRules.rule('-', "a\\b".getBytes(), "/*")))
        .isEqualTo("- /a\\\\b/*");
    assertThat(new String(FilterRules.rule('-', new byte[0], "/*"))).isEqualTo("- /*");
    assertThat(new String(FilterRules.rule('+', "#x".getBytes(), "/"))).isEqualTo("+ /#x/");
  }

  @Test
  void excludeRulesAreAnchoredAndEscapedOnlyWhenWild() {
    assertThat(rule("a/b c")).isEqualTo("- /a/b c");
    assertThat(rule("a*b")).isEqualTo("- /a\\*b");
    assertThat(rule("[x]\\?")).isEqualTo("- /\\[x]\\\\\\?");
    assertThat(rule("back\\slash")).isEqualTo("- /back\\slash");
  }

  private static String rule(String p) {
    return new String(FilterRules.exclude(p.getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8);
  }
}
