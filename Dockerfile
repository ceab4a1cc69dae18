# syncspool in a container. Build: docker build -t syncspool .
#   podman: podman build --format docker -t syncspool . (the default OCI format drops HEALTHCHECK)
# Run (the host's inotify limits apply: set them on the host, see docs/operations.md):
#   docker run -d --name syncspool --stop-timeout 70 \
#     -v /etc/syncspool:/etc/syncspool:ro -v syncspool-state:/var/lib/syncspool \
#     -v /srv/www:/srv/www -v /backup:/backup syncspool
# docker stop waits 10 s by default, a worker may take 60 s to finish its rsync: --stop-timeout 70
# here, or docker stop -t 70. A host directory as the state directory (-v /srv/state:/var/lib/
# syncspool) is fine: the native stubs unpack in /var/cache/syncspool/native, outside it.
# The watched roots and local targets must be mounted at the paths the config names. inotify
# sees changes made through the host's kernel, i.e. by the host and by other containers too.
# CI builds and runs this file with podman: packaging/ci/podman-check.

# Base images: fully qualified (podman refuses short names without a registry alias) and pinned
# by digest (the digest wins, the tag says what it is). The digests are the multi-platform
# indexes the Docker official images' repo-info records (github.com/docker-library/repo-info,
# repos/eclipse-temurin/remote/17.0.20_8-jre-jammy.md and repos/maven/remote/
# 3.9-eclipse-temurin-17.md): Temurin 17.0.20+8 on Ubuntu 22.04, Maven 3.9 on Temurin 17.0.20+8.
# Newer ones: skopeo inspect docker://IMAGE:TAG | jq -r .Digest (or docker buildx imagetools
# inspect), then --build-arg RUNTIME_IMAGE=...@sha256:... or a change here.
ARG BUILD_IMAGE=docker.io/library/maven:3.9-eclipse-temurin-17@sha256:42a3ac393abbc64dae6c96703e5ead2e921fe9103371ac58b5b404b0d6a26502
ARG RUNTIME_IMAGE=docker.io/library/eclipse-temurin:17.0.20_8-jre-jammy@sha256:ec72ba5962b45ae4e7f96bfb5ebf6eeb34a488b967f937c8e14f0aaec688954f
# Where the jar comes from: "maven" builds it here; "prebuilt" takes target/syncspool.jar and
# target/generated-packaging/bin/syncspool from the build context, as `mvn package` left them
# (CI: the jar its tests ran against, and no Maven image needed).
ARG JAR=maven

# --- build stage: the shaded jar (tests run in CI, not here) ---
FROM ${BUILD_IMAGE} AS maven
WORKDIR /src
# Dependencies first, so a source change does not download them again.
COPY pom.xml .
# The compiler's JVM options (Error Prone needs javac's internals opened).
COPY .mvn .mvn
# A failure here fails the build (it is not hidden); the package step below still goes online for
# whatever go-offline does not foresee.
RUN mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:go-offline
COPY conf conf
COPY src src
COPY packaging packaging
COPY docs docs
COPY README.md .
RUN mvn -B -q package -DskipTests -Djdeb.skip=true

# --- or the jar mvn package built outside (JAR=prebuilt) ---
FROM scratch AS prebuilt
COPY target/syncspool.jar /src/target/syncspool.jar
COPY target/generated-packaging/bin/syncspool /src/target/generated-packaging/bin/syncspool

FROM ${JAR} AS jar

# --- what the runtime adds, as one tree: one layer over the base image ---
FROM scratch AS files
COPY --from=jar /src/target/syncspool.jar /usr/share/syncspool/syncspool.jar
# Filtered by the build (the pom's JVM lists filled in), which does not keep the mode.
COPY --from=jar --chmod=755 /src/target/generated-packaging/bin/syncspool /usr/bin/syncspool
COPY --chmod=755 packaging/container/healthcheck /usr/share/syncspool/healthcheck
COPY conf/syncspool.xsd /usr/share/syncspool/syncspool.xsd
COPY packaging/logback/logback.xml conf/syncspool.xml /etc/syncspool/

# --- runtime: a Java 17 JRE and rsync (and ssh for ssh targets) ---
FROM ${RUNTIME_IMAGE}
# tini: PID 1 that reaps the ssh processes rsync leaves behind (their parent rsync gone, they are
# re-parented to PID 1, which the JVM never waits for) and passes signals on to the JVM. curl:
# the HEALTHCHECK.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends rsync openssh-client curl tini \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/syncspool/example/source /var/cache/syncspool/native \
 && chmod 0700 /var/lib/syncspool /var/cache/syncspool/native
COPY --from=files / /
# The class data sharing archive the launcher maps for a faster start (packaging/bin/syncspool;
# the packages' postinst makes it the same way): this image's java, this jar. Best effort.
RUN SYNCSPOOL_CDS_DUMP=/var/cache/syncspool/syncspool.jsa /usr/bin/syncspool check-config \
      -o /etc/syncspool/syncspool.xml >/dev/null 2>&1 || rm -f /var/cache/syncspool/syncspool.jsa
# Non-ASCII paths need a UTF-8 locale. Native stubs (jffi, JNA) unpack outside the state
# directory, so a volume or bind mount there cannot hide them (packaging/bin/syncspool).
ENV LANG=C.UTF-8 SYNCSPOOL_NATIVE_DIR=/var/cache/syncspool/native
VOLUME ["/etc/syncspool", "/var/lib/syncspool"]
# The HEALTHCHECK asks /healthz at the config's <host hostip port> (packaging/container/
# healthcheck reads it from /etc/syncspool/syncspool.xml, or $SYNCSPOOL_CONFIG), so another port
# needs nothing here; -e SYNCSPOOL_HEALTH_PORT=N overrides it. That address must be reachable
# from inside the container: 127.0.0.1 is; publish it (-p) only with hostip="0.0.0.0" and a
# firewall in front.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["/usr/share/syncspool/healthcheck"]
# tini is PID 1 and passes signals to its child only (no -g: tini would send docker stop's
# SIGTERM to the JVM's whole process group, rsync and ssh included, which cuts the run in
# flight); the launcher execs java under it. The JVM lets each worker finish the rsync in
# flight (up to 60 s) and exits 0: stop with -t 70 (or run with --stop-timeout 70).
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/bin/syncspool"]
CMD ["run", "-o", "/etc/syncspool/syncspool.xml"]
STOPSIGNAL SIGTERM
