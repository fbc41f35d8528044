package org.recurrent4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run plan's pure parts: profile names from the CPU, the run profiles' choices, the time estimate. */
class RunPlanTest {
    @Test
    void profileNamesFromTheCpu() {
        CpuInfo zen3 = new CpuInfo("AuthenticAMD", 0x19, 0x21, "AMD Ryzen 5 5600X 6-Core Processor",
                List.of("sse4_2", "avx", "avx2", "fma"), 6);
        assertEquals("zen3", zen3.microarchitecture());
        assertEquals("avx2", zen3.simd());
        assertEquals("amd-ryzen-5-5600x-zen3-avx2-256bit", zen3.profileName(256));
        CpuInfo zen5 = new CpuInfo("AuthenticAMD", 0x1a, 0x02, "AMD EPYC 9555 64-Core Processor",
                List.of("avx2", "avx512f"), 64);
        assertEquals("amd-epyc-9555-zen5-avx512-512bit", zen5.profileName(512));
        CpuInfo xeon = new CpuInfo("GenuineIntel", 6, 106, "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
                List.of("avx512f"), 32);
        assertEquals("", xeon.microarchitecture());
        assertEquals("intel-xeon-gold-6338-avx512-128bit", xeon.profileName(128));
        assertEquals("zen4", new CpuInfo("AuthenticAMD", 0x19, 0x61, "x", List.of(), 1).microarchitecture());
        assertEquals("zen2", new CpuInfo("AuthenticAMD", 0x17, 0x31, "x", List.of(), 1).microarchitecture());
        assertEquals("neon", new CpuInfo("0x41", -1, -1, "aarch64", List.of("asimd"), -1).simd());
    }

    @Test
    void smokeRunsTheFirstParametersAndTheEnginesImplementations() {
        assertEquals(RunProfile.SMOKE, RunProfile.named("smoke"));
        assertNull(RunProfile.named("SMOKE"));
        String[] impls = {"vector", "scalar", "ejml", "openblas"};
        assertEquals(List.of("vector", "scalar"), RunProfile.SMOKE.select("impl", impls));
        assertEquals(List.of("64"), RunProfile.SMOKE.select("size", new String[] {"64", "512"}));
        assertEquals(List.of(impls), RunProfile.QUICK.select("impl", impls));
        assertEquals(1, RunProfile.SMOKE.forks(8));
        assertEquals(8, RunProfile.QUICK.forks(8));
        assertEquals(2, RunProfile.FULL.forks(1));
        assertEquals(List.of("-Xms256m"), RunProfile.SMOKE.forkFlags());
    }

    @Test
    void forkEstimateAddsStartSetupAndIterationsPerCombination() {
        Map<String, List<String>> configs = Map.of("config", List.of("char-rnn", "seed-demo"));
        // smoke: 1 s start; char-rnn 8 s setup and two 1.2 s calls, seed-demo 1 s setup and two 0.1 s iterations
        assertEquals((1 + 8 + 1.2 + 1.2) + (1 + 1 + 0.1 + 0.1),
                ForkEstimate.seconds(RunProfile.SMOKE, 1, "org.recurrent4j.bench.training.TrainingBenchmark.step",
                        configs), 1e-9);
        Map<String, List<String>> grid = new LinkedHashMap<>();
        grid.put("size", List.of("64", "512"));
        grid.put("impl", List.of("vector", "scalar", "ejml"));
        // quick, 2 forks: 2 s start, 2 warm-up and 3 measured iterations of 0.5 s, for 6 combinations
        assertEquals(6 * 2 * (2 + 2 * 0.5 + 3 * 0.5),
                ForkEstimate.seconds(RunProfile.QUICK, 2, "org.recurrent4j.bench.kernel.GemmSquareBenchmark.gemm",
                        grid), 1e-9);
    }
}
