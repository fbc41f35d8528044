package org.recurrent4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings every benchmark of the suite inherits: throughput in operations per second, and forks that
 * get the Vector API module, a fixed pre-touched heap (equal -Xms and -Xmx, so that the heap never resizes
 * while measuring) and native access for the OpenBLAS baseline. {@link BenchmarkMain}'s profiles override the
 * fork and iteration counts, and append their own JVM flags to these. A benchmark that needs a larger heap
 * declares its own {@code @Fork} with the same flags. Kernels run on one thread (-Drecurrent4j.threads=1), so that
 * every implementation, OpenBLAS included, is compared single-threaded.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {
        "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Drecurrent4j.threads=1",
        "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class JmhDefaults {
}
