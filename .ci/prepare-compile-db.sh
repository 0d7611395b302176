#!/usr/bin/env bash
# Build kernel/irq/ in the prepared tree and write a compile database for it beside the tree
# (not at its root, so other tests keep using synthesized flags). Prints the database's path.
set -euo pipefail
tree=$1
out="$tree.kernel-irq.compile_commands.json"
if [ ! -s "$out" ]; then
  ( cd "$tree" && make -s -j"$(nproc)" kernel/irq/ >&2 \
    && python3 scripts/clang-tools/gen_compile_commands.py -d . -o "$out.tmp" kernel/irq >&2 )
  mv "$out.tmp" "$out"
fi
echo "$out"
