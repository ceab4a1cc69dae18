package org.syncspool.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link ControlAuth#refusal}, cell by cell: null is "may make the daemon work". */
class ControlAuthTest {
  private static final ControlToken TOKEN = ControlToken.of("abc123");
  private static final String BEARER = "Bearer abc123";

  private static String decide(boolean loopback, String host, String origin, String site,
                               String authorization, String tokenHeader) {
    return ControlAuth.refusal(new ControlAuth.Request(loopback, host, origin, site,
        authorization, tokenHeader), TOKEN);
  }

  private static String cli(String host) {
    return decide(true, host, null, null, BEARER, null);
  }

  @Test
  void theCliWithTheTokenOnLoopbackIsAccepted() {
    assertThat(cli("127.0.0.1:8008")).isNull();
    assertThat(cli("127.0.0.2:8008")).isNull();
    assertThat(cli("localhost:8008")).isNull();
    assertThat(cli("[::1]:8008")).isNull();
    assertThat(cli("LOCALHOST")).isNull();
    assertThat(decide(true, "127.0.0.1:8008", null, null, "bearer abc123", null)).isNull();
  }

  @Test
  void noTokenOrAWrongOneIsRefused() {
    assertThat(decide(true, "127.0.0.1:8008", null, null, null, null)).contains("need the token");
    assertThat(decide(true, "127.0.0.1:8008", null, null, "Bearer abc124", null))
        .contains("wrong control token");
    assertThat(decide(true, "127.0.0.1:8008", null, null, "Basic abc123", null))
        .contains("need the token");
    assertThat(decide(true, "127.0.0.1:8008", null, null, "Bearer ", null)).isNotNull();
    assertThat(decide(true, "127.0.0.1:8008", null, null, "Bearer abc1234", null)).isNotNull();
  }

  @Test
  void aRemotePeerIsRefusedEvenWithTheToken() {
    assertThat(decide(false, "127.0.0.1:8008", null, null, BEARER, null))
        .contains("from this host only");
  }

  @Test
  void aForeignHostIsRefused() {
    // DNS rebinding: the page's own name, now pointing at 127.0.0.1
    assertThat(cli("evil.example:8008")).contains("must name this host");
    assertThat(cli("127.0.0.1.evil.example:8008")).isNotNull();
    assertThat(cli("10.0.0.1:8008")).isNotNull();
    assertThat(cli("127.0.0.256:8008")).isNotNull();
    assertThat(cli("[::2]:8008")).isNotNull();
    assertThat(cli("127.0.0.1:80x")).isNotNull();
    assertThat(cli(null)).isNotNull();
  }

  @Test
  void aPageOfTheDaemonsOwnOriginIsAcceptedWithTheTokenHeader() {
    assertThat(decide(true, "127.0.0.1:8008", "http://127.0.0.1:8008", "same-origin", null,
        "abc123")).isNull();
  }

  @Test
  void aPageElsewhereIsRefusedEvenIfItHadTheToken() {
    assertThat(decide(true, "127.0.0.1:8008", "http://evil.example", "cross-site", null,
        "abc123")).contains("cross-origin");
    assertThat(decide(true, "127.0.0.1:8008", "null", null, null, "abc123"))
        .contains("cross-origin");
    assertThat(decide(true, "127.0.0.1:8008", "http://127.0.0.1:9999", null, null, "abc123"))
        .contains("cross-origin");
    assertThat(decide(true, "127.0.0.1:8008", null, "same-site", null, "abc123"))
        .contains("cross-site");
    assertThat(decide(true, "127.0.0.1:8008", null, "none", BEARER, null)).isNull();
  }

  @Test
  void theProofDependsOnTokenAndChallengeAndTheTokenNeverPrints() {
    String p = TOKEN.proof("00112233445566778899aabbccddeeff");
    assertThat(p).hasSize(64).isEqualTo(ControlToken.of("abc123")
        .proof("00112233445566778899aabbccddeeff"));
    assertThat(ControlToken.of("abc124").proof("00112233445566778899aabbccddeeff")).isNotEqualTo(p);
    assertThat(TOKEN.proof("00112233445566778899aabbccddeefe")).isNotEqualTo(p);
    assertThat(TOKEN.toString()).doesNotContain("abc123");
  }
}
