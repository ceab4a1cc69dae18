# syncspool in a container. Build: docker build -t syncspool .
# Run (the host's inotify limits apply: set them on the host, see docs/operations.md):
#   docker run -d --name syncspool \
#     -v /etc/syncspool:/etc/syncspool:ro -v syncspool-state:/var/lib/syncspool \
#     -v /srv/www:/srv/www -v /backup:/backup syncspool
# The watched roots and local targets must be mounted at the paths the config names. inotify
# sees changes made through the host's kernel, i.e. by the host and by other containers too.

# --- build stage: the shaded jar (tests run in CI, not here) ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so a source change does not download them again.
COPY pom.xml .
# The compiler's JVM options (Error Prone needs javac's internals opened).
COPY .mvn .mvn
RUN mvn -B -q dependency:go-offline || true
COPY conf conf
COPY src src
COPY packaging packaging
COPY docs docs
COPY README.md .
RUN mvn -B -q package -DskipTests -Djdeb.skip=true

# --- runtime: a slim Java 17 JRE and rsync (and ssh for ssh targets) ---
FROM eclipse-temurin:17-jre-jammy
RUN apt-get update \
 && apt-get install -y --no-install-recommends rsync openssh-client curl \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/syncspool.jar /usr/share/syncspool/syncspool.jar
COPY --from=build /src/target/generated-packaging/bin/syncspool /usr/bin/syncspool
# Filtered by the build (the pom's JVM lists filled in), which does not keep the mode.
RUN chmod 755 /usr/bin/syncspool
COPY --from=build /src/packaging/logback/logback.xml /etc/syncspool/logback.xml
COPY --from=build /src/conf/syncspool.xml /etc/syncspool/syncspool.xml
COPY --from=build /src/conf/syncspool.xsd /usr/share/syncspool/syncspool.xsd
RUN mkdir -p /var/lib/syncspool/example/source /var/lib/syncspool/jna \
 && chmod 0700 /var/lib/syncspool
# Non-ASCII paths need a UTF-8 locale; native stubs unpack under the state volume.
ENV LANG=C.UTF-8 STATE_DIRECTORY=/var/lib/syncspool
VOLUME ["/etc/syncspool", "/var/lib/syncspool"]
# The config's <host> must be reachable from inside the container: 127.0.0.1 is fine for the
# HEALTHCHECK below; publish it (-p) only with hostip="0.0.0.0" and a firewall in front.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["curl", "-fsS", "http://127.0.0.1:8008/healthz"]
# exec form, and the launcher execs java: the JVM is PID 1 and gets docker stop's SIGTERM.
ENTRYPOINT ["/usr/bin/syncspool"]
CMD ["run", "-o", "/etc/syncspool/syncspool.xml"]
STOPSIGNAL SIGTERM
