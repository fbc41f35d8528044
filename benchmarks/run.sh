#!/usr/bin/env bash
# Runs the JMH suite and writes <out-root>/<profile>/jmh.json (JMH JSON) and environment.json.
#
#   benchmarks/run.sh [quick|full|smoke] [--profile NAME] [--jvm-args "FLAGS"] [--include REGEX] [--out-root DIR]
#                     [--dry-run]
#
# quick (default): every benchmark and parameter, 1 fork (8 for gemv), short iterations (about 19 minutes on 2 cores).
# full:  2 forks, longer iterations (about 100 minutes, estimated). smoke: one short iteration of each benchmark
# with its smallest parameters and the engine's implementations, into a temporary directory (for CI).
# The profile name defaults to a slug of the CPU and vector width, e.g. amd-epyc-zen5-avx512-512bit;
# --jvm-args reach the runner and every fork, e.g. --jvm-args "-XX:MaxVectorSize=32" for 256-bit vectors.
# --dry-run prints how many forks the run would take and about how long, and runs nothing.
#
#   benchmarks/run.sh peers [--data DIR] [--reps N] [--seconds S] [--only REGEX] [--breakdown] [--profile NAME]
#                           [--out-root DIR]
#
# peers: trains each configuration of the peer benchmark with recurrent4j and with the same recipe in PyTorch
# (benchmarks/peers/torch_train.py), alternately, N times each (default 3, S = 20 seconds a run), and writes
# <out-root>/<profile>/peers.json: medians, ranges, ratios, end-to-end GFLOPS and the fraction of the FMA roof;
# --breakdown adds where a training step's time goes (JFR). DIR holds tinyshakespeare.txt and samples.txt
# (default: data/, where scripts/fetch-data.sh puts them). Installs Debian's python3-torch when it is missing
# (as root), as CI installs OpenBLAS. About an hour with the defaults.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

mode=quick
case "${1:-}" in quick|full|smoke|peers) mode=$1; shift ;; esac
passthrough=()
jvm_args=""
out_root=""
data_dir=$(dirname "$bench_dir")/data
peer_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --data)
            [ $# -ge 2 ] || { echo "error: $1 needs a value" >&2; exit 2; }
            data_dir=$2; shift 2 ;;
        --reps|--seconds|--only)
            [ $# -ge 2 ] || { echo "error: $1 needs a value" >&2; exit 2; }
            peer_args+=("$1" "$2"); shift 2 ;;
        --breakdown) peer_args+=("$1"); shift ;;
        --profile|--include)
            [ $# -ge 2 ] || { echo "error: $1 needs a value" >&2; exit 2; }
            passthrough+=("$1" "$2"); shift 2 ;;
        --jvm-args)
            [ $# -ge 2 ] || { echo "error: $1 needs a value" >&2; exit 2; }
            jvm_args=$2; shift 2 ;;
        --out-root)
            [ $# -ge 2 ] || { echo "error: $1 needs a value" >&2; exit 2; }
            out_root=$2; shift 2 ;;
        --dry-run) passthrough+=("$1"); shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "error: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done

java=$(find_java)
build_if_needed


if [ "$mode" = peers ]; then
    for f in tinyshakespeare.txt samples.txt; do
        [ -f "$data_dir/$f" ] || { echo "error: $data_dir/$f is missing (scripts/fetch-data.sh fetches it)" >&2; exit 2; }
    done
    if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            echo "installing Debian's python3-torch (the PyTorch peer)..." >&2
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch >/dev/null
        else
            echo "error: PyTorch is missing: apt-get install python3-torch (as root)" >&2; exit 2
        fi
    fi
    [ -x "$root_dir/target/recurrent4j" ] || (cd "$root_dir" && mvn -q -B package -DskipTests) >&2
    choose_openblas_core
    unset OPENBLAS_NUM_THREADS # each PyTorch run sets its own
    commit=$(git -C "$root_dir" rev-parse HEAD 2>/dev/null || echo unknown)
    [ -n "$(git -C "$root_dir" status --porcelain --untracked-files=no -- src pom.xml benchmarks 2>/dev/null)" ] \
        && commit=$commit-dirty
    # shellcheck disable=SC2086
    exec "$java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED $jvm_args -cp "$jar" \
        org.recurrent4j.bench.peers.PeerRun --data "$data_dir" --launcher "$root_dir/target/recurrent4j" \
        --script "$bench_dir/peers/torch_train.py" --out-root "${out_root:-$root_dir/perf-reports}" \
        --git-commit "$commit" ${passthrough[@]+"${passthrough[@]}"} ${peer_args[@]+"${peer_args[@]}"}
fi

if [ "$mode" = smoke ]; then
    # The smoke runs no OpenBLAS benchmark, and leaves the environment's OpenBLAS settings alone.
    out_root=${out_root:-$(mktemp -d "${TMPDIR:-/tmp}/recurrent4j-smoke.XXXXXX")}
else
    out_root=${out_root:-$root_dir/perf-reports}
    choose_openblas_core
fi

# "-dirty" when the code measured differs from the commit: the engine, the suite or a pom. Results and docs do
# not count, so that the profiles run one after another (each writing perf-reports/) all record the commit.
commit=$(git -C "$root_dir" rev-parse HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && [ -n "$(git -C "$root_dir" status --porcelain --untracked-files=no -- src pom.xml \
        benchmarks 2>/dev/null)" ]; then
    commit=$commit-dirty
fi

# The training benchmarks read their texts from the project's data/ (scripts/fetch-data.sh fetches them), or,
# where data/ lacks them, from a data directory kept beside the project, a local convenience; the runner passes
# the recurrent4j.bench.* properties on to its forks, and they fall back to the embedded corpus when both lack them.
data_dir=$root_dir/data
sibling_data=$(dirname "$root_dir")/shared/data
if [ ! -f "$data_dir/samples.txt" ] && [ -f "$sibling_data/samples.txt" ]; then data_dir=$sibling_data; fi

# The runner gets the profile's JVM flags too, so that environment.json records the forks' vector width.
# shellcheck disable=SC2086 # the flags are meant to split into words
exec "$java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED $jvm_args \
    -Drecurrent4j.bench.data="$data_dir" -jar "$jar" "$mode" \
    --jvm-args "$jvm_args" --out-root "$out_root" --git-commit "$commit" ${passthrough[@]+"${passthrough[@]}"}
