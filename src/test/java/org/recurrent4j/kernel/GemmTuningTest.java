package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GemmTuningTest {
    /** Caches of CPUs the engine runs on, as their sysfs reports them. */
    private static final CpuCaches ZEN3 = new CpuCaches(32 << 10, 8, 512 << 10, 8, 32L << 20, 64, "test");
    private static final CpuCaches ZEN5 = new CpuCaches(48 << 10, 12, 1 << 20, 16, 32L << 20, 64, "test");
    private static final CpuCaches SAPPHIRE_RAPIDS = new CpuCaches(48 << 10, 12, 2 << 20, 16, 105L << 20, 64, "test");
    private static final CpuCaches SKYLAKE_CLIENT = new CpuCaches(32 << 10, 8, 256 << 10, 4, 8L << 20, 64, "test");
    private static final CpuCaches NEOVERSE_N1 = new CpuCaches(64 << 10, 4, 1 << 20, 8, 0, 64, "test");

    @Test
    void blockingFitsTheCachesItWasDerivedFrom() {
        for (CpuCaches caches : List.of(ZEN3, ZEN5, SAPPHIRE_RAPIDS, SKYLAKE_CLIENT, NEOVERSE_N1)) {
            for (int lanes : new int[] {4, 8, 16}) {
                for (int registers : new int[] {16, 32}) {
                    GemmTuning t = GemmTuning.choose(caches, lanes, registers);
                    String what = caches.describe() + ", " + lanes + " lanes, " + registers + " registers: " + t;
                    int nr = 2 * lanes;
                    assertTrue((long) t.kc() * nr * Float.BYTES <= caches.l1d() / 2 || t.kc() == 128, what);
                    assertTrue((long) t.mc() * t.kc() * Float.BYTES <= caches.l2() / 4 || t.mc() == GemmTuning.PANEL,
                            what);
                    assertEquals(0, t.mc() % GemmTuning.PANEL, what);
                    assertEquals(0, t.mc() % GemmTuning.MR, what);
                    assertEquals(0, t.nc() % nr, what);
                    assertTrue(t.kc() >= 128 && t.kc() <= 1024 && t.nc() <= 4096, what);
                    assertEquals(caches.l2() / 2 / Float.BYTES, t.directMaxB(), what);
                    assertEquals(registers >= 32, t.pairTiles(), what);
                    assertEquals(registers >= 32, t.wideTiles(), what);
                    assertEquals(registers < 32, t.fiveRowTiles(), what);
                    assertEquals(registers >= 32, t.packTransposedA(), what);
                }
            }
        }
    }

    @Test
    void choicesForKnownCpus() {
        // Zen 3 with AVX2: a KC×NR panel of 256 × 16 floats is 16 KiB, half its L1d; BLIS takes KC = 256 there too.
        GemmTuning zen3 = GemmTuning.choose(ZEN3, 8, 16);
        assertEquals(256, zen3.kc());
        assertEquals(96, zen3.mc());
        assertEquals(4096, zen3.nc());
        assertFalse(zen3.pairTiles());
        // Zen 5 at 512 bits: panels of 32 floats in a 48 KiB L1d, pair tiles with 32 registers.
        GemmTuning zen5 = GemmTuning.choose(ZEN5, 16, 32);
        assertEquals(192, zen5.kc());
        assertEquals(336, zen5.mc());
        assertTrue(zen5.pairTiles());
        assertEquals(128 * 1024, zen5.directMaxB());
        // A 2 MiB L2 holds a larger block of A; a 256 KiB one a smaller one.
        assertEquals(672, GemmTuning.choose(SAPPHIRE_RAPIDS, 16, 32).mc());
        assertEquals(48, GemmTuning.choose(SKYLAKE_CLIENT, 8, 16).mc());
        // Without an L3, B's block is bounded by L2.
        assertTrue(GemmTuning.choose(NEOVERSE_N1, 4, 32).nc() * 1024L * Float.BYTES <= NEOVERSE_N1.l2());
    }

    @Test
    void overridesReplaceSingleValues() {
        GemmTuning base = GemmTuning.choose(ZEN3, 8, 16);
        System.setProperty("recurrent4j.gemm.kc", "512");
        System.setProperty("recurrent4j.gemm.registers", "32");
        try {
            GemmTuning t = GemmTuning.withOverrides(base);
            assertEquals(512, t.kc());
            assertEquals(base.mc(), t.mc());
            assertEquals(32, t.registers());
            assertTrue(t.pairTiles(), "32 registers allow pair tiles unless told otherwise");
            assertTrue(t.packTransposedA(), "32 registers pack a transposed A times a few panels");
            System.setProperty("recurrent4j.gemm.pairTiles", "false");
            System.setProperty("recurrent4j.gemm.packTransposedA", "false");
            assertFalse(GemmTuning.withOverrides(base).pairTiles());
            assertFalse(GemmTuning.withOverrides(base).packTransposedA());
            System.setProperty("recurrent4j.gemm.kc", "many");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GemmTuning.withOverrides(base));
            assertTrue(e.getMessage().contains("recurrent4j.gemm.kc=many"), e.getMessage());
        } finally {
            System.clearProperty("recurrent4j.gemm.kc");
            System.clearProperty("recurrent4j.gemm.registers");
            System.clearProperty("recurrent4j.gemm.pairTiles");
            System.clearProperty("recurrent4j.gemm.packTransposedA");
        }
    }

    @Test
    void fiveRowTilesWhereRowsFillFivesBetterThanSixes() {
        GemmTuning zen3 = GemmTuning.choose(ZEN3, 8, 16);
        // 50 rows: ten tiles of five against eight of six and an edge tile that runs all six rows.
        assertEquals(5, zen3.tileRows(50));
        assertEquals(5, zen3.tileRows(25));
        assertEquals(5, zen3.tileRows(19));
        assertEquals(5, zen3.tileRows(5));
        assertEquals(6, zen3.tileRows(30));
        assertEquals(6, zen3.tileRows(32), "36 rows of tiles either way: six stays");
        assertEquals(6, zen3.tileRows(4));
        assertEquals(6, zen3.tileRows(1));
        GemmTuning zen5 = GemmTuning.choose(ZEN5, 16, 32);
        assertFalse(zen5.fiveRowTiles(), "with 32 registers the pair tiles run instead");
        assertEquals(6, zen5.tileRows(50));
        System.setProperty("recurrent4j.gemm.fiveRowTiles", "false");
        try {
            GemmTuning off = GemmTuning.withOverrides(zen3);
            assertFalse(off.fiveRowTiles());
            assertEquals(6, off.tileRows(50));
            assertTrue(off.describe().indexOf("5-row") < 0, off.describe());
            assertTrue(zen3.describe().contains("5-row tiles"), zen3.describe());
        } finally {
            System.clearProperty("recurrent4j.gemm.fiveRowTiles");
        }
    }

    @Test
    void cachesAreReadFromSysfsAndOverridden(@TempDir Path dir) throws IOException {
        index(dir, 0, "1", "Data", "48K", "12");
        index(dir, 1, "1", "Instruction", "32K", "8");
        index(dir, 2, "2", "Unified", "2048K", "16");
        index(dir, 3, "3", "Unified", "107520K", "15");
        CpuCaches c = CpuCaches.read(dir);
        assertEquals(new CpuCaches(48 << 10, 12, 2 << 20, 16, 107520L << 10, 64, "sysfs"), c);
        System.setProperty("recurrent4j.cache.l2", "1M");
        try {
            CpuCaches o = CpuCaches.withOverrides(c);
            assertEquals(1 << 20, o.l2());
            assertEquals(48 << 10, o.l1d());
            assertEquals("sysfs+overrides", o.source());
            System.setProperty("recurrent4j.cache.l2", "big");
            assertThrows(IllegalArgumentException.class, () -> CpuCaches.withOverrides(c));
        } finally {
            System.clearProperty("recurrent4j.cache.l2");
        }
        assertEquals(null, CpuCaches.read(dir.resolve("missing")), "no sysfs: the caller falls back");
    }

    @Test
    void cachesAreReadFromGetconfWhereSysfsHasNone() {
        // glibc's answer on a virtual AMD Zen 5 whose sysfs has no cache directory (abridged).
        String zen5 = """
                LEVEL1_ICACHE_SIZE                 32768
                LEVEL1_DCACHE_SIZE                 49152
                LEVEL1_DCACHE_ASSOC                12
                LEVEL1_DCACHE_LINESIZE             64
                LEVEL2_CACHE_SIZE                  1048576
                LEVEL2_CACHE_ASSOC                 8
                LEVEL3_CACHE_SIZE                  33554432
                LEVEL3_CACHE_ASSOC                 0
                LEVEL4_CACHE_SIZE                 \s
                """;
        assertEquals(new CpuCaches(48 << 10, 12, 1 << 20, 8, 32L << 20, 64, "getconf"), CpuCaches.parseGetconf(zen5));
        assertEquals(null, CpuCaches.parseGetconf("LEVEL1_DCACHE_SIZE 0\nLEVEL2_CACHE_SIZE 0\n"),
                "a C library that knows no sizes reports 0: the caller falls back");
        assertEquals(null, CpuCaches.parseGetconf(null));
        CpuCaches unknownWays = CpuCaches.parseGetconf("LEVEL1_DCACHE_SIZE 32768\nLEVEL2_CACHE_SIZE 524288\n");
        assertEquals(8, unknownWays.l1dWays());
        assertEquals(8, unknownWays.l2Ways());
        if (Files.isExecutable(Path.of("/usr/bin/getconf"))) {
            String answer = CpuCaches.getconf();
            assertNotNull(answer, "getconf -a runs and answers");
            if (!Files.isDirectory(Path.of("/sys/devices/system/cpu/cpu0/cache"))
                    && CpuCaches.parseGetconf(answer) != null) {
                assertEquals("getconf", CpuCaches.detect().source(), "no sysfs caches: detect() asks getconf");
            }
        }
    }

    @Test
    void constantsAgreeWithTheKernels() {
        assertEquals(GemmMicroKernel.MR, GemmTuning.MR);
        assertEquals(GemmPacking.PANEL, GemmTuning.PANEL);
        assertEquals(0, GemmTuning.PANEL % GemmTuning.MR);
    }

    private static void index(Path dir, int i, String level, String type, String size, String ways)
            throws IOException {
        Path d = Files.createDirectories(dir.resolve("index" + i));
        Files.writeString(d.resolve("level"), level + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
        Files.writeString(d.resolve("size"), size + "\n");
        Files.writeString(d.resolve("ways_of_associativity"), ways + "\n");
        Files.writeString(d.resolve("coherency_line_size"), "64\n");
    }
}
