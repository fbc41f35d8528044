package org.recurrent4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerReportTest {
    @TempDir
    Path root;

    private static String stats(double median, double min, double max) {
        return "{\"runs\":[],\"median\":" + median + ",\"min\":" + min + ",\"max\":" + max + "}";
    }

    @Test
    void noPeersFileAddsNothing() throws IOException {
        Files.createDirectories(root.resolve("zen3"));
        StringBuilder md = new StringBuilder();
        PeerReport.append(md, root);
        assertEquals("", md.toString());
    }

    @Test
    void rendersTheTrainingTableBreakdownAndInference() throws IOException {
        Path profile = Files.createDirectories(root.resolve("zen3-avx2-256bit"));
        Files.writeString(profile.resolve("peers.json"), """
                {"date":"2025-03-04T05:06:07Z","gitCommit":"0123456789abcdef0123","reps":3,"secondsPerRun":20,
                 "roofGflops":37.25,"openblasCoretype":null,
                 "configs":[
                  {"name":"lstm-2x128-t2","kind":"lstm","layers":2,"hidden":128,"threads":2,"corpus":true,
                   "recurrent4j":%s,"pytorch":%s,"ratio":%s,"recurrent4jGflops":12.34,"roofFraction":0.2049,
                   "torchVersion":"2.5.1","torchBlas":"openblas","torchOptimizer":"RMSprop",
                   "breakdown":{"samples":100,"outsideTheEngine":0.1,
                     "shares":{"products in the time loop":0.625,"optimizer":0.375}}},
                  {"name":"seed-demo-t1","kind":"lstm","layers":2,"hidden":20,"threads":1,"corpus":false,
                   "recurrent4j":%s,"pytorch":%s,"ratio":%s,"recurrent4jGflops":0.5,"roofFraction":0.01}],
                 "inference":[{"name":"gru-256-b8","kind":"gru","hidden":256,"batch":8,
                   "recurrent4j":%s,"pytorch":%s,"ratio":%s}]}
                """.formatted(stats(12345.4, 12000, 13000.6), stats(10000, 9000, 11000), stats(1.234, 1.1, 1.3),
                stats(900, 800, 1000), stats(300, 250, 350), stats(3, 2.5, 3.5),
                stats(50000, 49000, 51000), stats(25000, 24000, 26000), stats(2, 1.9, 2.1)));
        StringBuilder sb = new StringBuilder();
        PeerReport.append(sb, root);
        String md = sb.toString();
        assertTrue(md.startsWith("## Training against PyTorch\n"), md);
        assertTrue(md.contains("### zen3-avx2-256bit\n\n3 runs of 20 s a side, 2025-03-04; PyTorch 2.5.1 on openblas "
                + "(optimizer: RMSprop), OPENBLAS_CORETYPE=unset; FMA roof 37.3 GFLOPS a core; commit 0123456789ab."), md);
        assertTrue(md.contains("| LSTM 2 × 128 | 2 | 12,345 (12,000–13,001) | 10,000 (9,000–11,000) | **1.23×** (1.10–1.30) "
                + "| 12.3 | 20% |"), md);
        assertTrue(md.contains("| seed demo (sentences, LSTM 2 × 20, E = 5, B = 1) | 1 | 900 (800–1,000) |"), md);
        assertTrue(md.contains("| configuration | products in the time loop | optimizer |\n|---|---|---|\n"
                + "| LSTM 2 × 128 (2 thr.) | 63% | 38% |\n"), md);
        assertTrue(md.contains("| GRU (reset after) 2 × 256 | 8 | 50,000 (49,000–51,000) | 25,000 (24,000–26,000) "
                + "| **2.00×** (1.90–2.10) |"), md);
    }
}
