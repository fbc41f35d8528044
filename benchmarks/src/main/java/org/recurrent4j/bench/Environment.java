package org.recurrent4j.bench;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import org.openjdk.jmh.annotations.Fork;
import org.recurrent4j.bench.kernel.OpenBlas;
import org.recurrent4j.kernel.GemmTuning;
import org.recurrent4j.kernel.Kernels;

/**
 * The record written next to a run's JMH results ({@code environment.json}): CPU model and flags, cores,
 * vector width, JDK, JVM arguments, OpenBLAS core, date and git commit. It is taken in the runner's JVM, which
 * {@code run.sh} starts with the same extra JVM flags as the forks, so that the vector width is the forks' too.
 */
final class Environment {
    private Environment() {}

    /** Everything but the profile name, which depends on this record. */
    static JsonObject capture(CpuInfo cpu, RunProfile run, List<String> extraJvmArgs, String gitCommit) {
        var gson = new Gson();
        JsonObject env = new JsonObject();
        env.addProperty("run", run.label());
        env.addProperty("date", Instant.now().toString());
        env.addProperty("gitCommit", gitCommit);

        JsonObject c = new JsonObject();
        c.addProperty("model", cpu.modelName());
        c.addProperty("vendor", cpu.vendor());
        c.addProperty("family", cpu.family());
        c.addProperty("modelNumber", cpu.model());
        c.addProperty("microarchitecture", cpu.microarchitecture());
        c.addProperty("simd", cpu.simd());
        c.addProperty("logicalCpus", Runtime.getRuntime().availableProcessors());
        c.addProperty("coresPerSocket", cpu.coresPerSocket());
        c.add("flags", gson.toJsonTree(cpu.flags()));
        env.add("cpu", c);

        JsonObject v = new JsonObject();
        v.addProperty("kernels", Kernels.get().describe());
        boolean vector = Kernels.vectorAvailable();
        v.addProperty("vectorAvailable", vector);
        v.addProperty("bits", vector ? Kernels.vector().vectorBits() : Float.SIZE);
        v.addProperty("floatLanes", vector ? Kernels.vector().floatLanes() : 1);
        v.addProperty("fma", vector && Kernels.vector().fma());
        env.add("vector", v);

        JsonObject jdk = new JsonObject();
        jdk.addProperty("version", System.getProperty("java.runtime.version"));
        jdk.addProperty("vendor", System.getProperty("java.vendor"));
        jdk.addProperty("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        jdk.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.add("jdk", jdk);

        JsonObject jvm = new JsonObject();
        jvm.add("runner", gson.toJsonTree(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        jvm.add("forkDefaults", gson.toJsonTree(JmhDefaults.class.getAnnotation(Fork.class).jvmArgsAppend()));
        jvm.add("runProfile", gson.toJsonTree(run.forkFlags()));
        jvm.add("extra", gson.toJsonTree(extraJvmArgs));
        env.add("jvmArgs", jvm);

        env.add("openblas", openBlas());
        env.addProperty("gemmTuning", GemmTuning.current().describe());
        return env;
    }

    private static JsonObject openBlas() {
        JsonObject o = new JsonObject();
        o.addProperty("available", OpenBlas.available());
        if (OpenBlas.available()) {
            o.addProperty("core", OpenBlas.coreName());
            o.addProperty("config", OpenBlas.config());
        } else {
            o.addProperty("reason", OpenBlas.absentReason());
        }
        // What run.sh chose: OpenBLAS reads these when it loads, in every fork alike.
        o.addProperty("coretypeEnv", System.getenv("OPENBLAS_CORETYPE"));
        o.addProperty("l2SizeEnv", System.getenv("OPENBLAS_L2_SIZE"));
        o.addProperty("numThreadsEnv", System.getenv("OPENBLAS_NUM_THREADS"));
        return o;
    }
}
