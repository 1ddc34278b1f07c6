#!/usr/bin/env bash
# Adds a JDK AOT cache to a Majlis image and pushes it under the same name: the cache as a layer
# of its own (/deployments/majlis.aot) and -XX:AOTCache in the entrypoint. The cache must come
# from the image's own JVM, in a training run of that very image (the pom's aot-image profile
# records it with the benchmark's training in podman): a JVM takes only the cache its own build
# recorded, for the same jars.
#
#   src/main/container/add-aot-cache.sh IMAGE CACHE [TLS_VERIFY]
#
# IMAGE is an image reference, or a build's target/quarkus-artifact.properties (the image that
# build pushed). TLS_VERIFY (true) is false for a registry without TLS, such as 127.0.0.1:5000.
set -euo pipefail

IMAGE=${1:?usage: add-aot-cache.sh IMAGE CACHE [TLS_VERIFY]}
CACHE=${2:?usage: add-aot-cache.sh IMAGE CACHE [TLS_VERIFY]}
TLS_VERIFY=${3:-true}
IN_IMAGE=/deployments/majlis.aot
if [[ $IMAGE == *.properties ]]; then
    IMAGE=$(sed -n 's/^metadata\.container-image=//p' "$IMAGE" | sed 's/\\//g')
    [ -n "$IMAGE" ] || { echo "no container image was built (metadata.container-image)" >&2; exit 1; }
fi
BUILDAH=(buildah --storage-driver "${STORAGE_DRIVER:-vfs}")

container=$("${BUILDAH[@]}" from --quiet --pull-always --tls-verify="$TLS_VERIFY" "docker://$IMAGE")
# the image pulled here is needed only for this layer: it is not kept in buildah's storage
trap '"${BUILDAH[@]}" rm "$container" > /dev/null; "${BUILDAH[@]}" rmi "$IMAGE" > /dev/null 2>&1 || true' EXIT
mapfile -t entrypoint < <("${BUILDAH[@]}" inspect --format '{{range .OCIv1.Config.Entrypoint}}{{println .}}{{end}}' "$container")
if [ "${entrypoint[0]:-}" != java ]; then
    echo "the entrypoint of $IMAGE does not start with java: ${entrypoint[*]}" >&2; exit 1
elif [[ " ${entrypoint[*]} " == *AOTCache* ]]; then
    echo "$IMAGE has an AOT cache already: ${entrypoint[*]}" >&2; exit 1
fi
"${BUILDAH[@]}" copy "$container" "$CACHE" "$IN_IMAGE" > /dev/null
json=$(printf '"%s",' java "-XX:AOTCache=$IN_IMAGE" "${entrypoint[@]:1}")
"${BUILDAH[@]}" config --entrypoint "[${json%,}]" "$container"
"${BUILDAH[@]}" commit --quiet --tls-verify="$TLS_VERIFY" "$container" "docker://$IMAGE" > /dev/null
echo "pushed $IMAGE with its AOT cache ($(du -h "$CACHE" | cut -f1))"
