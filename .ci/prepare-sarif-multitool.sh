#!/usr/bin/env bash
# Install Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool, its bundled Linux binary)
# under $LOCKCTX_MULTITOOL_CACHE (default /var/cache/lockctx/sarif-multitool) and print the
# binary's path. tests/test_sarif.py validates lockctx's SARIF with it (`--rule-kind Sarif;Gh`)
# and skips that test when this prints nothing: a failed install never fails CI by itself.
set -uo pipefail
version=5.7.0
dest=${LOCKCTX_MULTITOOL_CACHE:-/var/cache/lockctx/sarif-multitool}
bin="$dest/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -x "$bin" ] || [ ! -f "$dest/.version-$version" ]; then
  command -v npm >/dev/null || { echo "prepare-sarif-multitool: no npm" >&2; exit 0; }
  rm -rf "$dest" && mkdir -p "$dest" || exit 0
  if ! npm install --prefix "$dest" --no-audit --no-fund --loglevel=error \
      "@microsoft/sarif-multitool@$version" >&2; then
    echo "prepare-sarif-multitool: npm install failed" >&2; exit 0
  fi
  chmod u+x "$bin" 2>/dev/null  # its postinstall does this; npm may not run install scripts
  touch "$dest/.version-$version"
fi
if DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$bin" --version >/dev/null 2>&1; then
  echo "$bin"
else
  echo "prepare-sarif-multitool: $bin does not run" >&2
fi
