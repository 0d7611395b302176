#!/usr/bin/env bash
# Install Debian's linux-source-6.12 and prepare it with `make defconfig prepare`.
# The prepared tree is cached at $LOCKCTX_KERNEL_CACHE (default /var/cache/lockctx/linux-6.12)
# so later runs on the same machine reuse it. Prints the tree's path on stdout.
set -euo pipefail
dest=${LOCKCTX_KERNEL_CACHE:-/var/cache/lockctx/linux-6.12}
if [ -f "$dest/.lockctx-prepared" ]; then
  echo "$dest"; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! ls /usr/src/linux-source-6.12.tar.* >/dev/null 2>&1; then
  apt-get update -qq >&2
  apt-get install -y -qq linux-source-6.12 flex bison bc libelf-dev libssl-dev >&2
fi
apt-get install -y -qq flex bison bc libelf-dev libssl-dev >&2 || true
rm -rf "$dest.tmp"; mkdir -p "$dest.tmp"
tar -xf /usr/src/linux-source-6.12.tar.* -C "$dest.tmp" --strip-components=1
( cd "$dest.tmp" && make -s defconfig >&2 && make -s -j"$(nproc)" prepare >&2 )
rm -rf "$dest"; mv "$dest.tmp" "$dest"
touch "$dest/.lockctx-prepared"
echo "$dest"
