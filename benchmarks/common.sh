# Sourced by run.sh, report.sh and quality.sh: locate the project, a JDK 25 or newer, (re)build the benchmarks
# jar, and choose the OpenBLAS core.
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root_dir=$(dirname "$bench_dir")
jar=$bench_dir/target/benchmarks.jar

java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'
}

# JAVA_HOME when it is 25+, else an installed JDK 25+ under /usr/lib/jvm, else `java` on the PATH when it is 25+.
find_java() {
    local j
    for j in "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/*2[6-9]*/bin/java \
             "$(command -v java || true)"; do
        if [ -n "$j" ] && [ -x "$j" ] && [ "$(java_major "$j")" -ge 25 ] 2>/dev/null; then
            echo "$j"
            return 0
        fi
    done
    echo "error: no JDK 25 or newer found; set JAVA_HOME to one" >&2
    return 1
}

# Installs the engine into the local Maven repository and packages the suite when the jar is missing or older
# than any engine or benchmark source.
build_if_needed() {
    if [ -f "$jar" ] && [ -z "$(find "$root_dir/src/main" "$root_dir/pom.xml" "$bench_dir/src" "$bench_dir/pom.xml" \
            -newer "$jar" -print -quit)" ]; then
        return 0
    fi
    echo "building the engine and the benchmarks..." >&2
    (cd "$root_dir" && mvn -q -B install -DskipTests) >&2
    mvn -q -B -f "$bench_dir/pom.xml" package >&2
}

# OpenBLAS 0.3.21 may not know this CPU: run the best AVX-512 core it has that it accepts here and that computes
# correctly. OPENBLAS_CORETYPE is read when the library loads, so it is exported to the runner and its forks.
# Needs $java and $jar (find_java, build_if_needed).
choose_openblas_core() {
    local inherited_core=${OPENBLAS_CORETYPE-} inherited_l2=${OPENBLAS_L2_SIZE-} core status
    export OPENBLAS_NUM_THREADS=1
    if ! grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
        echo "OpenBLAS: no AVX-512 on this CPU; OpenBLAS chooses its own core" >&2
        return 0
    fi
    unset OPENBLAS_L2_SIZE
    for core in SAPPHIRERAPIDS COOPERLAKE SKYLAKEX; do
        status=0
        # A core this CPU cannot run ends the probe with SIGILL; its crash report goes to the temporary directory.
        OPENBLAS_CORETYPE=$core "$java" -XX:ErrorFile="${TMPDIR:-/tmp}/recurrent4j-openblas-probe-%p.log" \
            --enable-native-access=ALL-UNNAMED -cp "$jar" \
            org.recurrent4j.bench.kernel.OpenBlasProbe "$core" >&2 || status=$?
        if [ "$status" = 0 ]; then
            export OPENBLAS_CORETYPE=$core
            echo "OpenBLAS: OPENBLAS_CORETYPE=$core" >&2
            return 0
        fi
        if [ "$status" = 3 ]; then
            echo "OpenBLAS is not installed (apt-get install libopenblas0-pthread): impl=openblas is skipped" >&2
            return 0
        fi
    done
    # None fits: leave OpenBLAS as the environment had it (its own detection when nothing was set).
    if [ -n "$inherited_core" ]; then export OPENBLAS_CORETYPE=$inherited_core; else unset OPENBLAS_CORETYPE; fi
    if [ -n "$inherited_l2" ]; then export OPENBLAS_L2_SIZE=$inherited_l2; fi
    echo "OpenBLAS: no AVX-512 core fits; keeping OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE-<auto>}" >&2
}
