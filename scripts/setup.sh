#!/usr/bin/env bash
# Installs every Debian package that Safehub's build, tests, benchmarks and demo need.
# Idempotent and non-interactive: safe to run on every `make`; it only calls apt-get
# when a package is missing, and then runs `apt-get update` once.
set -euo pipefail

packages=(
  g++ cmake ninja-build make pkg-config git ca-certificates
  libboost-dev            # Boost.Beast + Asio (header-only in 1.74): the HTTP server
  libsqlite3-dev sqlite3  # the embedded store
  libsodium-dev           # argon2id, random tokens, BLAKE2b hash chain
  libssl-dev              # HMAC-SHA1 for TOTP (RFC 6238); libsodium has no SHA-1
  nlohmann-json3-dev      # JSON for the API
  libyaml-cpp-dev         # reads docs/openapi.yaml in the route-contract test
  libcli11-dev            # the command line
  libtomlplusplus-dev     # link configurations and trained linkage models (TOML)
  libspdlog-dev libfmt-dev
  libxml2-dev             # validates CIN census exports against the DfE XSD (returns tests)
  libxlsxwriter-dev       # Annex A child-level lists as an xlsx workbook
  libmimalloc-dev         # the allocator every program links (see CMakeLists.txt)
  unzip                   # the Annex A tests read the workbook back
  libgtest-dev libgmock-dev libbenchmark-dev
  wrk                     # loopback load benchmark
  nodejs                  # builds the web UI (Vite) and runs its browser tests
  chromium fonts-liberation  # headless browser for the UI's end-to-end tests
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# npm comes with some Node.js builds (NodeSource) and as its own package in Debian.
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

if ((${#missing[@]} == 0)); then
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -o DPkg::Lock::Timeout=300 -qq
$SUDO apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 "${missing[@]}"
