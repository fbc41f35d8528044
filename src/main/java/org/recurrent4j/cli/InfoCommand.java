package org.recurrent4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recurrent4j.io.StrictJson;
import org.recurrent4j.kernel.GemmTuning;
import org.recurrent4j.kernel.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code info}: which JDK, kernels and CPU this run uses. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the JDK, the kernel implementation and vector width in use, FMA, cores and CPU.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object with the keys jdk, implementation, vectorBits, "
            + "floatLanes, fma, alignedLoads, cores, cpu, caches, gemm.")
    boolean json;

    @Override
    public Integer call() {
        Map<String, Object> facts = facts();
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(StrictJson.GSON.toJson(facts));
        } else {
            out.printf("JDK             %s%n", facts.get("jdk"));
            out.printf("kernels         %s%n", facts.get("implementation"));
            out.printf("vector width    %s bits, %s float lanes%n", facts.get("vectorBits"), facts.get("floatLanes"));
            out.printf("FMA             %s%n", (Boolean) facts.get("fma") ? "yes" : "no");
            out.printf("aligned loads   %s%n", (Boolean) facts.get("alignedLoads") ? "yes"
                    : "no (needs --enable-native-access=ALL-UNNAMED)");
            out.printf("cores           %s%n", facts.get("cores"));
            out.printf("CPU             %s%n", facts.get("cpu"));
            out.printf("caches          %s%n", facts.get("caches"));
            out.printf("gemm tuning     %s%n", GemmTuning.current().describe());
        }
        out.flush();
        return 0;
    }

    static Map<String, Object> facts() {
        Kernels k = Kernels.get();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("jdk", Runtime.version().toString());
        facts.put("implementation", k.implementation());
        facts.put("vectorBits", k.vectorBits());
        facts.put("floatLanes", k.floatLanes());
        facts.put("fma", k.fma());
        facts.put("alignedLoads", k.alignedLoads());
        facts.put("cores", Runtime.getRuntime().availableProcessors());
        facts.put("cpu", cpuModel());
        GemmTuning t = GemmTuning.current();
        facts.put("caches", t.caches().describe());
        Map<String, Object> gemm = new LinkedHashMap<>();
        gemm.put("kc", t.kc());
        gemm.put("mc", t.mc());
        gemm.put("nc", t.nc());
        gemm.put("directMaxB", t.directMaxB());
        gemm.put("registers", t.registers());
        gemm.put("pairTiles", t.pairTiles());
        gemm.put("wideTiles", t.wideTiles());
        gemm.put("fiveRowTiles", t.fiveRowTiles());
        gemm.put("packTransposedA", t.packTransposedA());
        gemm.put("parallelMinMulAdds", t.parallelMinMulAdds());
        facts.put("gemm", gemm);
        return facts;
    }

    /** The CPU's model name from /proc/cpuinfo on Linux, else the architecture. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }
}
