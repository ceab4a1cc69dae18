package org.syncspool.service.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /}: one self-contained HTML page (no external resource, no build step; the file is
 * {@code status.html} next to this class) that shows {@code /status} and refreshes itself. Its
 * buttons POST to {@code /flush}, {@code /full-sync}, {@code /pause} and {@code /resume} with
 * the control token, which the page
 * carries only when the request for it carried the token ({@code /?token=...}) and passed
 * {@link ControlAuth#refusal}: an anonymous GET gets the read-only page (docs/security.md).
 */
final class StatusPage {
  /** Nothing from elsewhere: no script, style, frame, form target or referrer leaves the page. */
  static final String CSP = "default-src 'none'; script-src 'unsafe-inline'; "
      + "style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; "
      + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  private static final String PLACEHOLDER = "@@TOKEN@@";
  private static final String TEMPLATE = load();

  private StatusPage() {}

  private static String load() {
    try (InputStream in = StatusPage.class.getResourceAsStream("status.html")) {
      if (in == null) {
        throw new IllegalStateException("status.html missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page, with {@code token} for its buttons, or without ({@code null}): read-only. */
  static String html(@Nullable ControlToken token) {
    // the token is hex digits: nothing to escape inside the script's string literal
    return TEMPLATE.replace(PLACEHOLDER, token == null ? "" : token.value());
  }

  static void serve(HttpExchange h, ControlToken token) throws IOException {
    if (!h.getRequestURI().getPath().equals("/")) {
      byte[] b = "not found\n".getBytes(StandardCharsets.UTF_8);
      h.sendResponseHeaders(404, b.length);
      try (OutputStream out = h.getResponseBody()) {
        out.write(b);
      }
      return;
    }
    String presented = ControlServer.query(h.getRequestURI()).get("token");
    ControlAuth.Request r = ControlServer.request(h);
    ControlAuth.Request withQueryToken = new ControlAuth.Request(r.loopbackPeer(), r.host(),
        r.origin(), r.fetchSite(), null, presented);
    boolean control = presented != null && ControlAuth.refusal(withQueryToken, token) == null;
    byte[] b = html(control ? token : null).getBytes(StandardCharsets.UTF_8);
    var hd = h.getResponseHeaders();
    hd.set("Content-Type", "text/html; charset=utf-8");
    hd.set("Content-Security-Policy", CSP);
    hd.set("X-Frame-Options", "DENY");
    hd.set("X-Content-Type-Options", "nosniff");
    hd.set("Referrer-Policy", "no-referrer");
    hd.set("Cache-Control", "no-store");
    h.sendResponseHeaders(200, b.length);
    try (OutputStream out = h.getResponseBody()) {
      out.write(b);
    }
  }
}
