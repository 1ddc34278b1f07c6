#!/usr/bin/env bash
# The base image of Majlis, made on this machine with no download from an image registry: a
# Java runtime cut down by jlink from the installed JDK to the modules Majlis uses, the few host
# libraries that runtime links against, /tmp (sqlite-jdbc and Netty unpack their native
# libraries there) and a non-root user (10001), committed with buildah and pushed to a registry.
#
#   src/main/container/build-base-image.sh REGISTRY [IMAGE [APP]]   e.g. 127.0.0.1:5000 majlis-base:25 target/quarkus-app
#
# The JDK is $JAVA_HOME's (or the java on PATH); the image's runtime is that JDK's version. With
# APP (the packaged application), the runtime has exactly the modules jdeps finds in it, so a new
# dependency on a JDK module cannot be missed; without it, the list below (jdeps' answer when it
# was last written).
set -euo pipefail

REGISTRY=${1:?usage: build-base-image.sh REGISTRY [IMAGE]}
IMAGE=${2:-majlis-base:jre}
APP=${3:-}
JDK=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
# jdeps over the packaged application (lib/boot, lib/main, app), plus the zip file system
MODULES=java.base,java.desktop,java.instrument,java.naming,java.net.http,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,jdk.compiler,jdk.management,jdk.net,jdk.unsupported
if [ -n "$APP" ]; then
    MODULES=$("$JDK/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release "$("$JDK/bin/java" -XshowSettings:properties -version 2>&1 \
            | awk -F'= ' '/java.specification.version/ { print $2 }')" \
        --class-path "$(find "$APP/lib/boot" "$APP/lib/main" -name '*.jar' | tr '\n' ':')" "$APP"/app/*.jar "$APP"/quarkus/generated-bytecode.jar \
        | tail -n 1)
fi
MODULES=$MODULES,jdk.zipfs
echo "runtime modules: $MODULES"
BUILDAH=(buildah --storage-driver "${STORAGE_DRIVER:-vfs}")

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ROOT=$WORK/rootfs

"$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
    --compress=zip-6 --output "$ROOT/opt/java"

# the shared libraries the runtime's programs and libraries need, as the host has them
find "$ROOT/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -print0 \
    | xargs -0 ldd 2>/dev/null \
    | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' \
    | sort -u \
    | while read -r lib; do cp --parents -L "$lib" "$ROOT"; done

mkdir -p "$ROOT/tmp" "$ROOT/etc" "$ROOT/deployments/data"
chmod 1777 "$ROOT/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nmajlis:x:10001:10001:Majlis:/deployments:/sbin/nologin\n' > "$ROOT/etc/passwd"
printf 'root:x:0:\nmajlis:x:10001:\n' > "$ROOT/etc/group"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$ROOT/etc/hosts"

container=$("${BUILDAH[@]}" from scratch)
"${BUILDAH[@]}" copy "$container" "$ROOT" / > /dev/null
# the data directory (a volume mounted there starts with its owner) is the user's; the rest is root's
"${BUILDAH[@]}" copy --chown 10001:10001 "$container" "$ROOT/deployments" /deployments > /dev/null
"${BUILDAH[@]}" config --env JAVA_HOME=/opt/java --env PATH=/opt/java/bin --user 10001:10001 \
    --workingdir /deployments --label org.opencontainers.image.title=majlis-base "$container"
"${BUILDAH[@]}" commit --quiet "$container" "$IMAGE" > /dev/null
"${BUILDAH[@]}" rm "$container" > /dev/null
"${BUILDAH[@]}" push --quiet --tls-verify=false "$IMAGE" "docker://$REGISTRY/$IMAGE"
echo "pushed $REGISTRY/$IMAGE ($(du -sh "$ROOT" | cut -f1) unpacked)"
