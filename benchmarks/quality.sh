#!/usr/bin/env bash
# The quality comparison: the validation loss that training reaches in a given wall-clock time, with and without
# dropout and the learning-rate schedule, and against PyTorch with the same recipe.
#
#   benchmarks/quality.sh [--minutes M] [--data FILE] [--out DIR] [--threads N] [--lr RATE] [--dropout P]
#                         [--warmup N] [--lr-decay R] [--lr-decay-after E] [--val-every N]
#
# Three runs, one after another, M minutes each (default 20) on N threads (default 2): recurrent4j's LSTM 2 x 256,
# embedding 64, 50 streams of 50 characters, RMSProp at --lr (default 0.002), on tinyshakespeare (default:
# data/tinyshakespeare.txt, where scripts/fetch-data.sh puts it; the last 5% is the validation split); the same
# with --dropout P (default 0.1) and the schedule (--warmup 100 steps, then char-rnn's decay: the rate times
# --lr-decay 0.97 at the end of every epoch from epoch --lr-decay-after 10 on); and PyTorch
# (benchmarks/peers/torch_train.py, Debian's python3-torch, OpenBLAS on N threads) with the recipe of the second
# run; on an AVX-512 CPU, OPENBLAS_CORETYPE is chosen as run.sh peers chooses it. Each measures the validation
# loss every --val-every steps (default 100).
# Writes to DIR (default perf-reports/quality): one metrics file per run (*.jsonl), quality.svg (the three
# validation-loss curves against wall-clock minutes), and README.md (the commands, the machine, the chart and a
# table of the best validation losses). The model files go to a temporary directory and are removed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

minutes=20
data=$root_dir/data/tinyshakespeare.txt
out=$root_dir/perf-reports/quality
threads=2
lr=0.002
dropout=0.1
warmup=100
decay=0.97
decay_after=10
val_every=100
python=${PYTHON:-/usr/bin/python3}
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes|--data|--out|--threads|--lr|--dropout|--warmup|--lr-decay|--lr-decay-after|--val-every)
            [ $# -ge 2 ] || { echo "error: $1 needs a value" >&2; exit 2; }
            case "$1" in
                --minutes) minutes=$2 ;; --data) data=$2 ;; --out) out=$2 ;; --threads) threads=$2 ;;
                --lr) lr=$2 ;; --dropout) dropout=$2 ;; --warmup) warmup=$2 ;; --lr-decay) decay=$2 ;;
                --lr-decay-after) decay_after=$2 ;; --val-every) val_every=$2 ;;
            esac
            shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "error: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done
[ -f "$data" ] || { echo "error: $data is missing (scripts/fetch-data.sh fetches it, or give --data FILE)" >&2; exit 2; }
"$python" -c "import torch" 2>/dev/null \
    || { echo "error: PyTorch is missing for $python: apt-get install python3-torch (or set PYTHON)" >&2; exit 2; }

java=$(find_java)
build_if_needed
[ -x "$root_dir/target/recurrent4j" ] || (cd "$root_dir" && mvn -q -B package -DskipTests) >&2
choose_openblas_core # PyTorch calls OpenBLAS, which may not know this CPU's best core
mkdir -p "$out"
out=$(cd "$out" && pwd)
data=$(cd "$(dirname "$data")" && pwd)/$(basename "$data")
models=$(mktemp -d "${TMPDIR:-/tmp}/recurrent4j-quality.XXXXXX")
trap 'rm -rf "$models"' EXIT

recipe=(--hidden 256,256 --embed 64 --batch 50 --seq 50 --lr "$lr" --threads "$threads")
schedule=(--dropout "$dropout" --warmup "$warmup" --lr-decay "$decay" --lr-decay-after "$decay_after")
common=(--minutes "$minutes" --report-every "$val_every" --val-every "$val_every" --sample-every 0 --save-every 0
        --quiet --force)
engine_plain=("$root_dir/target/recurrent4j" train --data "$data" "${recipe[@]}" "${common[@]}")
engine_regularised=("${engine_plain[@]}" "${schedule[@]}")
torch_cmd=("$python" "$bench_dir/peers/torch_train.py" --data "$data" --kind lstm --layers 2 --hidden 256 --embed 64
           --batch 50 --seq 50 --lr "$lr" --warmup 0 --minutes "$minutes" --dropout "$dropout"
           --lr-warmup "$warmup" --lr-decay "$decay" --lr-decay-after "$decay_after" --val-every "$val_every")

# the commands as the report shows them: paths relative to the project, options as given
show() {
    local a s=""
    for a in "$@"; do
        a=${a//$root_dir\//}
        a=${a//$models\//}
        a=${a//$out\//}
        s+="$a "
    done
    echo "${s% }"
}

echo "quality: 3 runs of $minutes minutes on $threads threads, into $out" >&2
echo "quality: 1/3 recurrent4j without dropout or schedule" >&2
"${engine_plain[@]}" --out "$models/plain.r4j" --metrics "$out/recurrent4j.jsonl"
echo "quality: 2/3 recurrent4j with dropout $dropout and the schedule" >&2
"${engine_regularised[@]}" --out "$models/regularised.r4j" --metrics "$out/recurrent4j-dropout.jsonl"
echo "quality: 3/3 PyTorch with dropout $dropout and the schedule" >&2
torch_result=$(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=$threads "${torch_cmd[@]}" --metrics "$out/pytorch.jsonl" \
    | tail -n 1)

plain_label="recurrent4j"
regularised_label="recurrent4j, dropout $dropout + schedule"
torch_label="PyTorch, dropout $dropout + schedule"
"$java" -Djava.awt.headless=true -cp "$jar" org.recurrent4j.bench.report.QualityReport "$out/quality.svg" \
    "$models/table.md" "Validation loss against wall-clock time: LSTM 2 x 256 on tinyshakespeare, $threads threads" \
    "$plain_label=$out/recurrent4j.jsonl" "$regularised_label=$out/recurrent4j-dropout.jsonl" \
    "$torch_label=$out/pytorch.jsonl"

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)
commit=$(git -C "$root_dir" rev-parse --short HEAD 2>/dev/null || echo unknown)
torch_version=$(echo "$torch_result" | "$python" -c 'import json, sys; r = json.load(sys.stdin); print(r["torch"] + ", " + r["blas"])')
{
    echo "# Quality: validation loss against wall-clock time"
    echo
    echo "Made by \`benchmarks/quality.sh --minutes $minutes\` on $(date -u +%Y-%m-%d): $cpu, $(nproc) cores, recurrent4j"
    echo "$commit, PyTorch $torch_version. An LSTM of 2 x 256 over an embedding of 64 trains on tinyshakespeare"
    echo "(the first 95% of the text; the last 5% is the validation split) with 50 streams of 50 characters per"
    echo "step and RMSProp at $lr, for $minutes minute$([ "$minutes" = 1 ] || echo s) on $threads threads, measuring the validation loss every"
    echo "$val_every steps; the three runs ran one after another. The time counts"
    echo "from each run's first step and includes its validations."
    echo
    echo "![validation loss against wall-clock minutes](quality.svg)"
    echo
    cat "$models/table.md"
    echo
    echo "The commands (the metrics files are beside this report):"
    echo
    echo '```bash'
    echo "$(show "${engine_plain[@]}") --out plain.r4j --metrics recurrent4j.jsonl"
    echo "$(show "${engine_regularised[@]}") --out regularised.r4j --metrics recurrent4j-dropout.jsonl"
    echo "${OPENBLAS_CORETYPE:+OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE }OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=$threads $(show "${torch_cmd[@]}") --metrics pytorch.jsonl"
    echo '```'
} > "$out/README.md"
cat "$models/table.md"
echo "quality: $out/README.md, $out/quality.svg" >&2
