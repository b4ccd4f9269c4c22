#!/usr/bin/env bash
# Run the tests (or any Python command) against rolelens._speedups built with
# AddressSanitizer and UndefinedBehaviorSanitizer.
#
#   bash fuzz/sanitize.sh                      # the whole suite, as below
#   bash fuzz/sanitize.sh tests/test_speedups.py -x
#   bash fuzz/sanitize.sh --run python fuzz/fuzz_targets.py --seconds 120
#
# The extension is compiled into a scratch copy of src/, so the checkout's own
# build is left alone. Python's small-object allocator is switched off
# (PYTHONMALLOC=malloc) so that the sanitizer sees every object's memory, and
# leak checking is off: the interpreter keeps memory until exit on purpose.
# Reports go to stderr and to $ROLELENS_SANITIZE_LOG.<pid> (pytest captures
# the stderr of a test that crashes the process). Needs gcc or clang with the
# sanitizer runtimes (Debian: gcc's libasan and libubsan); Linux only.
set -euo pipefail
cd "$(dirname "$0")/.."

python="${PYTHON:-python3}"
cc="${CC:-gcc}"
log="${ROLELENS_SANITIZE_LOG:-/tmp/rolelens-sanitize}"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -r src "$scratch/src"
find "$scratch/src" -name '*.so' -delete

include="$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')"
suffix="$("$python" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')"
"$cc" -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
    -g -O1 -fwrapv -Wall -fPIC -I"$include" -shared \
    "$scratch/src/rolelens/_speedups.c" -o "$scratch/src/rolelens/_speedups$suffix"

asan="$("$cc" -print-file-name=libasan.so)"
ubsan="$("$cc" -print-file-name=libubsan.so)"
export LD_PRELOAD="$asan:$ubsan"
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:halt_on_error=1:log_path=$log"
export UBSAN_OPTIONS="print_stacktrace=1:log_path=$log"
export PYTHONMALLOC=malloc
export PYTHONPATH="$scratch/src${PYTHONPATH:+:$PYTHONPATH}"

"$python" -c 'import rolelens._speedups as s, sys; sys.exit(0 if s.__file__.startswith(sys.argv[1]) else "not the sanitized build: " + s.__file__)' "$scratch"

if [ "${1:-}" = "--run" ]; then
    shift
    "$@"
    exit
fi
if [ "$#" -eq 0 ]; then
    # Left out: the browser and Dask tests (they exercise no C code of ours and a
    # sanitized Chromium or cluster is slow to start), and the test that caps
    # address space, which the sanitizer's shadow memory cannot live within.
    set -- -q -p no:cacheprovider --ignore tests/test_browser.py --ignore tests/test_dask.py \
        -k "not endless_line"
fi
"$python" -m pytest "$@"
