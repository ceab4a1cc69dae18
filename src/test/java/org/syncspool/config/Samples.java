package org.syncspool.config;

import java.io.StringReader;
import java.nio.file.Path;
import org.syncspool.testing.FakeFileChecks;

/** Config texts shared by the tests, and a parse helper that never touches the disk. */
final class Samples {
  private Samples() {}

  static final Path FILE = Path.of("/etc/syncspool/confxml.xml");

  static Config parse(String xml, FakeFileChecks fs) throws ConfigException {
    return ConfigLoader.parse(new StringReader(xml), FILE, fs);
  }

  /** sersync 2.5's shipped confxml.xml, byte for byte (tabs included). */
  static final String SERSYNC = """
      <?xml version="1.0" encoding="ISO-8859-1"?>
      <head version="2.5">
          <host hostip="localhost" port="8008"></host>
          <debug start="false"/>
          <fileSystem xfs="false"/>
          <filter start="false">
      	<exclude expression="(.*)\\.svn"></exclude>
      	<exclude expression="(.*)\\.gz"></exclude>
      	<exclude expression="^info/*"></exclude>
      	<exclude expression="^static/*"></exclude>
          </filter>
          <inotify>
      	<delete start="true"/>
      	<createFolder start="true"/>
      	<createFile start="false"/>
      	<closeWrite start="true"/>
      	<moveFrom start="true"/>
      	<moveTo start="true"/>
      	<attrib start="false"/>
      	<modify start="false"/>
          </inotify>

          <sersync>
      	<localpath watch="/opt/tongbu">
      	    <remote ip="127.0.0.1" name="tongbu1"/>
      	    <!--<remote ip="192.168.8.39" name="tongbu"/>-->
      	    <!--<remote ip="192.168.8.40" name="tongbu"/>-->
      	</localpath>
      	<rsync>
      	    <commonParams params="-artuz"/>
      	    <auth start="false" users="root" passwordfile="/etc/rsync.pas"/>
      	    <userDefinedPort start="false" port="874"/><!-- port=874 -->
      	    <timeout start="false" time="100"/><!-- timeout=100 -->
      	    <ssh start="false"/>
      	</rsync>
      	<failLog path="/tmp/rsync_fail_log.sh" timeToExecute="60"/><!--default every 60mins execute once-->
      	<crontab start="false" schedule="600"><!--600mins-->
      	    <crontabfilter start="false">
      		<exclude expression="*.php"></exclude>
      		<exclude expression="info/*"></exclude>
      	    </crontabfilter>
      	</crontab>
      	<plugin start="false" name="command"/>
          </sersync>

          <plugin name="command">
      	<param prefix="/bin/sh" suffix="" ignoreError="true"/>	<!--prefix /opt/tongbu/mmm.sh suffix-->
      	<filter start="false">
      	    <include expression="(.*)\\.php"/>
      	    <include expression="(.*)\\.sh"/>
      	</filter>
          </plugin>

          <plugin name="socket">
      	<localpath watch="/opt/tongbu">
      	    <deshost ip="192.168.138.20" port="8009"/>
      	</localpath>
          </plugin>
          <plugin name="refreshCDN">
      	<localpath watch="/data0/htdocs/cms.xoyo.com/site/">
      	    <cdninfo domainname="ccms.chinacache.com" port="80" username="xxxx" passwd="xxxx"/>
      	    <sendurl base="http://pic.xoyo.com/cms"/>
      	    <regexurl regex="false" match="cms.xoyo.com/site([/a-zA-Z0-9]*).xoyo.com/images"/>
      	</localpath>
          </plugin>
      </head>
      """;

  /**
   * Our extensions: two roots, a local target, a per-remote override, the syncspool block.
   * Line numbers matter to {@link ConfigErrorsTest}: keep the layout.
   */
  static final String EXTENDED = """
      <head version="2.5">
        <host hostip="0.0.0.0" port="9090"/>
        <filter start="true">
          <exclude expression="(.*)\\.swp"/>
          <exclude expression="(.*)~"/>
        </filter>
        <inotify>
          <delete start="false"/>
          <modify start="true"/>
        </inotify>
        <sersync>
          <localpath watch="/data/www/">
            <remote path="/backup/www"/>
            <remote ip="10.0.0.2" name="www" port="8873" user="alice" passwordfile="/etc/alice.pas"/>
          </localpath>
          <localpath watch="/data/img">
            <remote ip="10.0.0.3" name="/srv/img" ssh="true"/>
            <remote ip="10.0.0.4" name="img"/>
          </localpath>
          <rsync>
            <commonParams params="-az --exclude '*.tmp' --bwlimit=1000"/>
            <auth start="true" users="sync" passwordfile="/etc/rsync.pas"/>
            <userDefinedPort start="true" port="874"/>
            <timeout start="true" time="30"/>
          </rsync>
          <crontab start="true" schedule="120">
            <crontabfilter start="true">
              <exclude expression="*.php"/>
            </crontabfilter>
          </crontab>
        </sersync>
        <syncspool stateDir="/var/lib/ss" quietMillis="50" maxDelayMillis="500"
                   maxBatchPaths="100" retryInitialMillis="3000" parallel="2"/>
      </head>
      """;

  static FakeFileChecks extendedFs() {
    return new FakeFileChecks()
        .dir("/data/www", "/data/img", "/backup")
        .file("/etc/rsync.pas", "rw-------")
        .file("/etc/alice.pas", "r--------");
  }
}
