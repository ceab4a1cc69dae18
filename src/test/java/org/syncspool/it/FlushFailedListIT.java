package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.ConfigLoader;
import org.syncspool.service.Daemon;
import org.syncspool.service.FlushBarrier;
import org.syncspool.service.http.Endpoint;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.testing.RsyncDaemon;

/**
 * A batch given up on moves the cursor (its paths go to the failed list), but those paths are
 * not on the target: flush must not call that flushed. Real watcher, journal and rsync; the
 * runner refuses (exit 23) any run whose stdin names refused.txt.
 */
class FlushFailedListIT {
  @TempDir
  Path tmp;

  @Test
  void aNonEmptyFailedListFailsTheFlush() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("source"));
    Path conf = tmp.resolve("syncspool.xml");
    Files.writeString(conf, """
        <head version="2.5">
          <host hostip="127.0.0.1" port="%d"/>
          <sersync><localpath watch="%s"><remote path="%s"/></localpath></sersync>
          <syncspool stateDir="%s" batchAttempts="1" retryInitialMillis="10" retryMaxMillis="20"/>
        </head>
        """.formatted(RsyncDaemon.freePort(), source, tmp.resolve("mirror"), tmp.resolve("state")));
    ProcessRunner real = new SystemProcessRunner();
    ProcessRunner refusing = (argv, input) -> {
      ByteArrayOutputStream stdin = new ByteArrayOutputStream();
      input.write(stdin);
      if (stdin.toString(StandardCharsets.UTF_8).contains("refused.txt")) {
        return new ProcessRunner.Result(23, "", "refused by the test", 1);
      }
      return real.run(argv, out -> stdin.writeTo(out));
    };
    try (Daemon daemon = new Daemon(ConfigLoader.load(conf), false, refusing, "rsync");
         Endpoint endpoint = Endpoint.around(daemon)) {
      daemon.start();
      Files.writeString(source.resolve("fine.txt"), "fine");
      FlushBarrier.Result ok = endpoint.barrier().flush(60_000);
      assertThat(ok.done()).as(ok.behind().toString()).isTrue();
      assertThat(tmp.resolve("mirror/fine.txt")).hasContent("fine");

      Files.writeString(source.resolve("refused.txt"), "never arrives");
      FlushBarrier.Result r = endpoint.barrier().flush(60_000);
      assertThat(r.done()).isFalse();
      // refused.txt, and "." (the root's mtime) that was in the same batch
      assertThat(r.behind()).singleElement().asString()
          .containsPattern("[1-9][0-9]* paths on its failed list \\(syncspool replay\\)");
      assertThat(tmp.resolve("mirror/refused.txt")).doesNotExist();
    }
  }
}
