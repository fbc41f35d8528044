#!/usr/bin/env bash
# Renders perf-reports/README.md and its SVG charts from every perf-reports/<profile>/jmh.json, compares two
# result files, or draws the loss curves of a training run.
#
#   benchmarks/report.sh [render [DIR]]          (DIR defaults to perf-reports)
#   benchmarks/report.sh compare A.json B.json   (Markdown on standard output)
#   benchmarks/report.sh curve METRICS.jsonl OUT.svg "TITLE"   (the loss curves of a train --metrics file)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

java=$(find_java)
build_if_needed
args=("$@")
[ $# -gt 0 ] || args=(render "$root_dir/perf-reports")
if [ "${args[0]}" = render ] && [ ${#args[@]} -eq 1 ]; then args+=("$root_dir/perf-reports"); fi
if [ "${args[0]}" = curve ]; then
  exec "$java" -Djava.awt.headless=true -cp "$jar" org.recurrent4j.bench.report.TrainingCurve "${args[@]:1}"
fi
exec "$java" -Djava.awt.headless=true -cp "$jar" org.recurrent4j.bench.report.ReportTool "${args[@]}"
