package org.syncspool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code syncspool hooks test}: the real hook, a sample event, how it ended. */
class HooksCommandTest {
  @TempDir Path tmp;

  private Path hook(String name, String body) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void sendsASampleEventToEachHookOfTheKind() throws Exception {
    Path ok = hook("ok", "cat > " + tmp.resolve("ok.json") + "\necho sent\n");
    Path bad = hook("bad", "echo smtp refused >&2; exit 2\n");
    Path watch = Files.createDirectories(tmp.resolve("w"));
    Path conf = tmp.resolve("c.xml");
    Files.writeString(conf, """
        <head><sersync><localpath watch="%s"><remote path="%s"/></localpath></sersync>
        <syncspool stateDir="%s">
          <hook on="failure" command="%s" args="--to ops"/>
          <hook on="batch" command="%s"/>
        </syncspool></head>
        """.formatted(watch, tmp.resolve("m"), tmp.resolve("s"), ok, bad));
    String[] r = run("hooks", "test", "--on", "failure", "-o", conf.toString());
    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1]).startsWith("hook on=failure " + ok + ": exit 0 in ").contains(": sent");
    JsonNode j = new ObjectMapper().readTree(Files.readString(tmp.resolve("ok.json")));
    assertThat(j.path("event").asText()).isEqualTo("failure");
    assertThat(j.path("target").asText()).isEqualTo(tmp.resolve("m").toString());
    assertThat(j.path("paths").get(0).asText()).isEqualTo("sample/file.txt");

    String[] all = run("hooks", "test", "-o", conf.toString());
    assertThat(all[0]).isEqualTo("1");
    assertThat(all[1]).contains("hook on=batch " + bad + ": exit 2 in ").contains("smtp refused");

    String[] none = run("hooks", "test", "--on", "drift", "-o", conf.toString());
    assertThat(none[0]).isEqualTo("64");
    assertThat(none[2]).contains("no <hook on=\"drift\"> in " + conf);
  }
}
