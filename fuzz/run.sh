#!/usr/bin/env bash
# Builds the fuzz targets with clang + libFuzzer + ASan/UBSan and runs each for a while.
# FUZZ_SECONDS (default 60) per target. Crashes are written to build-fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v clang++ > /dev/null || ! dpkg-query -W libclang-rt-14-dev > /dev/null 2>&1; then
  apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 clang libclang-rt-14-dev
fi
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DSAFEHUB_FUZZ=ON
targets=$(find fuzz -name '*_fuzz.cc' -printf '%f\n' | sed 's/\.cc$//')
cmake --build build-fuzz --target $targets
mkdir -p build-fuzz/crashes
for t in $targets; do
  corpus="fuzz/corpus/${t%_fuzz}"
  mkdir -p "build-fuzz/corpus/$t"
  echo "== $t"
  "./build-fuzz/fuzz/$t" -max_total_time="${FUZZ_SECONDS:-60}" -artifact_prefix=build-fuzz/crashes/ \
    "build-fuzz/corpus/$t" $( [[ -d $corpus ]] && echo "$corpus" )
done
