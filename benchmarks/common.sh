# Sourced by run.sh and report.sh: locate the project, a JDK 25 or newer, and (re)build the benchmarks jar.
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
