package org.syncspool.config.xml;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The sersync 2.5 {@code confxml.xml} as Jackson reads it, plus our additive extensions. Every
 * attribute is kept as the raw string: {@link Values} converts and validates it, so a bad value
 * is reported with its element, attribute and what would be right. A missing element is null.
 *
 * <p>Repeated elements use appending setters: Jackson calls the setter once per contiguous run,
 * so {@code <localpath/><rsync/><localpath/>} keeps both localpaths.
 */
final class Dto {
  private Dto() {}

  /** {@code <head version>}: the root. */
  static final class Head extends Located {
    @JsonProperty("version") String version;
    /**
     * {@code xsi:noNamespaceSchemaLocation}, so a file can point editors at syncspool.xsd;
     * Jackson sees the attribute's local name. Read and ignored.
     */
    @JsonProperty("noNamespaceSchemaLocation") String schemaLocation;
    @JsonProperty("host") Host host;
    @JsonProperty("debug") Start debug;
    @JsonProperty("fileSystem") FileSystem fileSystem;
    @JsonProperty("filter") Filter filter;
    @JsonProperty("inotify") Inotify inotify;
    @JsonProperty("sersync") Sersync sersync;
    @JsonProperty("syncspool") Syncspool syncspool;
    final List<Plugin> plugins = new ArrayList<>();

    @JacksonXmlElementWrapper(useWrapping = false)
    @JsonProperty("plugin")
    void addPlugins(List<Plugin> more) {
      plugins.addAll(more);
    }
  }

  static final class Host extends Located {
    @JsonProperty("hostip") String hostip;
    @JsonProperty("port") String port;
  }

  /** Any element whose only attribute is {@code start}: debug, ssh, the inotify toggles. */
  static final class Start extends Located {
    @JsonProperty("start") String start;
  }

  static final class FileSystem extends Located {
    @JsonProperty("xfs") String xfs;
  }

  /** {@code <filter>} and {@code <crontabfilter>}: a toggle and a list of excludes. */
  static final class Filter extends Located {
    @JsonProperty("start") String start;
    final List<Exclude> excludes = new ArrayList<>();

    @JacksonXmlElementWrapper(useWrapping = false)
    @JsonProperty("exclude")
    void addExcludes(List<Exclude> more) {
      excludes.addAll(more);
    }
  }

  static final class Exclude extends Located {
    @JsonProperty("expression") String expression;
  }

  static final class Inotify extends Located {
    @JsonProperty("delete") Start delete;
    @JsonProperty("createFolder") Start createFolder;
    @JsonProperty("createFile") Start createFile;
    @JsonProperty("closeWrite") Start closeWrite;
    @JsonProperty("moveFrom") Start moveFrom;
    @JsonProperty("moveTo") Start moveTo;
    @JsonProperty("attrib") Start attrib;
    @JsonProperty("modify") Start modify;
  }

  static final class Sersync extends Located {
    final List<Localpath> localpaths = new ArrayList<>();
    @JsonProperty("rsync") Rsync rsync;
    @JsonProperty("failLog") FailLog failLog;
    @JsonProperty("crontab") Crontab crontab;
    @JsonProperty("plugin") PluginRef plugin;

    @JacksonXmlElementWrapper(useWrapping = false)
    @JsonProperty("localpath")
    void addLocalpaths(List<Localpath> more) {
      localpaths.addAll(more);
    }
  }

  static final class Localpath extends Located {
    @JsonProperty("watch") String watch;
    final List<Remote> remotes = new ArrayList<>();

    @JacksonXmlElementWrapper(useWrapping = false)
    @JsonProperty("remote")
    void addRemotes(List<Remote> more) {
      remotes.addAll(more);
    }
  }

  /** sersync's ip+name; ours: path (local target) and the per-remote overrides. */
  static final class Remote extends Located {
    @JsonProperty("ip") String ip;
    @JsonProperty("name") String name;
    @JsonProperty("path") String path;
    @JsonProperty("port") String port;
    @JsonProperty("user") String user;
    @JsonProperty("passwordfile") String passwordfile;
    @JsonProperty("ssh") String ssh;
    @JsonProperty("sshConfig") String sshConfig;
    @JsonProperty("standby") String standby;
    @JsonProperty("keepVersions") String keepVersions;
    @JsonProperty("bigFileLane") String bigFileLane;
  }

  static final class Rsync extends Located {
    @JsonProperty("commonParams") CommonParams commonParams;
    @JsonProperty("auth") Auth auth;
    @JsonProperty("userDefinedPort") UserDefinedPort userDefinedPort;
    @JsonProperty("timeout") Timeout timeout;
    @JsonProperty("ssh") Start ssh;
  }

  static final class CommonParams extends Located {
    @JsonProperty("params") String params;
  }

  static final class Auth extends Located {
    @JsonProperty("start") String start;
    @JsonProperty("users") String users;
    @JsonProperty("passwordfile") String passwordfile;
  }

  static final class UserDefinedPort extends Located {
    @JsonProperty("start") String start;
    @JsonProperty("port") String port;
  }

  static final class Timeout extends Located {
    @JsonProperty("start") String start;
    @JsonProperty("time") String time;
  }

  static final class FailLog extends Located {
    @JsonProperty("path") String path;
    @JsonProperty("timeToExecute") String timeToExecute;
  }

  static final class Crontab extends Located {
    @JsonProperty("start") String start;
    @JsonProperty("schedule") String schedule;
    @JsonProperty("crontabfilter") Filter crontabfilter;
  }

  /** {@code <sersync><plugin start name/>}: which plugin sersync would run. Never run here. */
  static final class PluginRef extends Located {
    @JsonProperty("start") String start;
    @JsonProperty("name") String name;
  }

  /**
   * A head-level {@code <plugin name>}: opaque. Its content (commands, CDN user names and
   * passwords) is skipped unread, so it can never be printed or logged.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Plugin extends Located {
    @JsonProperty("name") String name;
  }

  /** Our {@code <syncspool>} block. */
  static final class Syncspool extends Located {
    @JsonProperty("stateDir") String stateDir;
    @JsonProperty("keepVersions") String keepVersions;
    @JsonProperty("bigFileLane") String bigFileLane;
    @JsonProperty("journalDir") String journalDir;
    @JsonProperty("quietMillis") String quietMillis;
    @JsonProperty("maxDelayMillis") String maxDelayMillis;
    @JsonProperty("maxBatchPaths") String maxBatchPaths;
    @JsonProperty("retryInitialMillis") String retryInitialMillis;
    @JsonProperty("retryMaxMillis") String retryMaxMillis;
    @JsonProperty("batchAttempts") String batchAttempts;
    @JsonProperty("fullSyncBacklog") String fullSyncBacklog;
    @JsonProperty("retentionHours") String retentionHours;
    @JsonProperty("parallel") String parallel;
    @JsonProperty("watcher") String watcher;
    @JsonProperty("changeLog") ChangeLog changeLog;
    @JsonProperty("verify") Verify verify;
    final List<Hook> hooks = new ArrayList<>();

    @JacksonXmlElementWrapper(useWrapping = false)
    @JsonProperty("hook")
    void addHooks(List<Hook> more) {
      hooks.addAll(more);
    }
  }

  /** {@code <syncspool><hook on command args timeout/>}, repeatable. */
  static final class Hook extends Located {
    @JsonProperty("on") String on;
    @JsonProperty("command") String command;
    @JsonProperty("args") String args;
    @JsonProperty("timeout") String timeout;
  }

  /** {@code <syncspool><verify every checksum repair/>}: scheduled audits. */
  static final class Verify extends Located {
    @JsonProperty("start") String start;
    @JsonProperty("every") String every;
    @JsonProperty("checksum") String checksum;
    @JsonProperty("repair") String repair;
  }

  /** {@code <syncspool><changeLog start path timeFormat/>}: the change list. */
  static final class ChangeLog extends Located {
    @JsonProperty("start") String start;
    @JsonProperty("path") String path;
    @JsonProperty("timeFormat") String timeFormat;
  }
}
