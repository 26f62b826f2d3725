#!/usr/bin/env bash
# Builds the browser map (web/) with npm and Vite into web/dist, which `straitwatch run`
# serves. Packages come from the npm registry, pinned by web/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/../web"
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "build_web: Node.js $(node --version) is too old for Vite; install Node 20 or newer" >&2
  exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run build --silent
