package org.recurrent4j.kernel;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Every size and threshold the matrix products choose by, derived once from what the CPU reports (its caches,
 * its vector width, how many vector registers the JIT may use) rather than measured on one machine. Each can be
 * overridden by a system property, so a benchmark can try another value and a test can ask what another CPU
 * would get. {@code recurrent4j info} and every benchmark profile print the values in force.
 *
 * <ul>
 *   <li>{@code registers}: vector registers C2 allocates from: 32 with AVX-512 or on ARM, 16 with AVX2. A tile
 *       keeps its accumulators, the B vectors of one step and a broadcast in registers; more than fit spill to
 *       the stack on every step, which halves a product's speed.</li>
 *   <li>{@code pairTiles}: the MR × 4-vector tile over two panels of B (24 accumulators), only with 32
 *       registers.</li>
 *   <li>{@code wideTiles}: MR × 3-vector tiles for products whose columns fill three vectors better than two
 *       (18 accumulators), only with 32 registers.</li>
 *   <li>{@code fiveRowTiles}: 5 × 2-vector tiles for a product against a packed operand (a recurrent step's)
 *       whose rows fill fives better than sixes ({@link #tileRows}: a batch of 50, or 25 a thread), where pair
 *       tiles do not run; a six-row edge tile for 2 of 50 rows costs as much as a whole one.</li>
 *   <li>{@code packTransposedA}: a product Aᵀ·B with more than one panel of columns, but far fewer than A's
 *       rows (the input gradient Wᵀ·Δ at a batch of 50), runs as the packed product Cᵀ = Bᵀ·A, only with 32
 *       registers: there its pair tiles ran faster than the tiles that read A in place; with 16 registers the
 *       transposed tiles, chosen for fewer wasted lanes, stay.</li>
 *   <li>{@code kc}, the depth of a packed slice: one KC × NR panel of B fills half of L1, where it stays while
 *       every tile of a block of A streams past it (BLIS's analytical model; 256 for 6 × 16 tiles in a 32 KiB
 *       L1, as BLIS itself chooses for Haswell and Zen); between 128 and 1024.</li>
 *   <li>{@code mc}, rows of A packed at once: the MC × KC block of A fills a quarter of L2, leaving room for
 *       the packed B it is multiplied with; a multiple of the packed panel width (48).</li>
 *   <li>{@code nc}, columns of B packed at once: the KC × NC block of B fills at most a quarter of L3 (L2 when
 *       there is no L3), which other cores share.</li>
 *   <li>{@code directMaxB}: up to this many floats of op(B) (half of L2), a product packs B whole and reads A in
 *       place, the shape of a recurrent step.</li>
 *   <li>{@code parallelMinMulAdds}: smaller products stay on the calling thread, because waking a parked pool
 *       worker takes tens of microseconds; this depends on the operating system more than on the caches.</li>
 * </ul>
 *
 * @param registers          vector registers available to the micro-kernels
 * @param pairTiles          whether MR × 4-vector pair tiles run
 * @param wideTiles          whether MR × 3-vector tiles run
 * @param fiveRowTiles       whether 5 × 2-vector tiles run where rows fill fives better than sixes
 * @param packTransposedA    whether Aᵀ·B with more than one panel of B runs as the packed Bᵀ·A
 * @param kc                 depth of a packed slice
 * @param mc                 rows of A per packed block
 * @param nc                 columns of B per packed block
 * @param directMaxB         largest op(B), in floats, packed whole with A read in place
 * @param parallelMinMulAdds smallest product (m·n·k) split across threads
 * @param l2Sets             sets of the L2 cache, to tell when strided rows would collide in it
 * @param caches             the caches these were derived from
 */
public record GemmTuning(int registers, boolean pairTiles, boolean wideTiles, boolean fiveRowTiles,
                         boolean packTransposedA, int kc, int mc, int nc, int directMaxB, long parallelMinMulAdds,
                         int l2Sets, CpuCaches caches) {
    /** The prefix of the override properties, e.g. {@code -Drecurrent4j.gemm.kc=512}. */
    public static final String PROPERTY_PREFIX = "recurrent4j.gemm.";

    /** Rows of a micro-tile: fixed, since the tiles are written out for six rows. */
    static final int MR = 6;
    /** The width of a packed panel of transposed A, and what MC is a multiple of. */
    static final int PANEL = 8 * MR;
    /** The thread-split threshold; a pool worker takes 26 to 215 µs to start a part on a busy 2-core machine. */
    static final long DEFAULT_PARALLEL_MIN_MULADDS = 8L << 20;

    /** The tuning of this JVM: its kernels' vector width and this machine's caches. */
    public static GemmTuning current() {
        return forLanes(Kernels.get().floatLanes());
    }

    /** The tuning for vectors of {@code lanes} floats on this machine, with the properties' overrides. */
    static GemmTuning forLanes(int lanes) {
        return withOverrides(choose(Machine.CACHES, lanes, Machine.REGISTERS));
    }

    /** What is read from the machine, once, when a product first needs it. */
    private static final class Machine {
        static final CpuCaches CACHES = CpuCaches.detect();
        static final int REGISTERS = detectRegisters();
    }

    /** The tuning for a CPU with these caches, float lanes per vector and vector registers. */
    public static GemmTuning choose(CpuCaches caches, int lanes, int registers) {
        if (lanes < 1 || registers < 8) {
            throw new IllegalArgumentException("GemmTuning: " + lanes + " lanes, " + registers + " registers");
        }
        int nr = 2 * lanes;
        int kc = Math.max(128, roundDown(Math.min(1024, caches.l1d() / 2 / (nr * Float.BYTES)), 64));
        int mc = Math.max(PANEL, roundDown(caches.l2() / 4 / (kc * Float.BYTES), PANEL));
        long shared = caches.l3() > 0 ? caches.l3() / 4 : caches.l2() / 2;
        int nc = (int) Math.max(16L * nr, Math.min(4096, roundDown(shared / ((long) kc * Float.BYTES), nr)));
        int directMaxB = caches.l2() / 2 / Float.BYTES;
        boolean wide = registers >= 32;
        return new GemmTuning(registers, wide, wide, !wide, wide, kc, mc, nc, directMaxB, DEFAULT_PARALLEL_MIN_MULADDS,
                caches.l2Sets(), caches);
    }

    /** {@code base} with each value a {@code recurrent4j.gemm.*} property sets replaced. */
    static GemmTuning withOverrides(GemmTuning t) {
        int registers = intProperty("registers", t.registers, 8);
        boolean wide = registers >= 32;
        return new GemmTuning(registers,
                boolProperty("pairTiles", registers == t.registers ? t.pairTiles : wide),
                boolProperty("wideTiles", registers == t.registers ? t.wideTiles : wide),
                boolProperty("fiveRowTiles", registers == t.registers ? t.fiveRowTiles : !wide),
                boolProperty("packTransposedA", registers == t.registers ? t.packTransposedA : wide),
                intProperty("kc", t.kc, 1), intProperty("mc", t.mc, 1), intProperty("nc", t.nc, 1),
                intProperty("directMaxB", t.directMaxB, 0),
                intProperty("parallelMinMulAdds", (int) Math.min(Integer.MAX_VALUE, t.parallelMinMulAdds), 0),
                t.l2Sets, t.caches);
    }

    /**
     * Vector registers the JIT allocates from: on x86, 32 when it uses AVX-512 ({@code -XX:UseAVX=3}, as HotSpot
     * chooses on CPUs that have it), else 16; 32 on 64-bit ARM.
     */
    static int detectRegisters() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (arch.equals("aarch64") || arch.equals("arm64")) return 32;
        try {
            var hotspot = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return Integer.parseInt(hotspot.getVMOption("UseAVX").getValue()) >= 3 ? 32 : 16;
        } catch (RuntimeException | LinkageError e) {
            return 16; // not HotSpot, or no such option: assume the smaller register file
        }
    }

    private static int intProperty(String name, int fallback, int min) {
        String v = System.getProperty(PROPERTY_PREFIX + name);
        if (v == null || v.isBlank()) return fallback;
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PROPERTY_PREFIX + name + "=" + v + " is not an integer ≥ " + min);
    }

    private static boolean boolProperty(String name, boolean fallback) {
        String v = System.getProperty(PROPERTY_PREFIX + name);
        if (v == null || v.isBlank()) return fallback;
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("-D" + PROPERTY_PREFIX + name + "=" + v
                    + " is not true or false");
        };
    }

    private static int roundDown(long x, int multiple) {
        return (int) (x / multiple * multiple);
    }

    /**
     * Rows of the tiles that cover {@code rows} rows of A in a product against a packed operand: five when
     * {@link #fiveRowTiles} and fives run fewer rows of tiles than sixes, counting an edge tile as six (it runs
     * the six-row kernel), else {@link #MR}. Each element's sum is the same either way, bit for bit.
     */
    int tileRows(int rows) {
        if (!fiveRowTiles) return MR;
        int five = rows / 5 * 5 + (rows % 5 == 0 ? 0 : MR);
        int six = rows / MR * MR + (rows % MR == 0 ? 0 : MR);
        return five < six ? 5 : MR;
    }

    /** One line for {@code info} and the benchmark profiles. */
    public String describe() {
        return "kc " + kc + ", mc " + mc + ", nc " + nc + ", direct B ≤ " + directMaxB + " floats, "
                + registers + " vector registers" + (pairTiles ? ", pair tiles" : "")
                + (wideTiles ? ", 3-vector tiles" : "") + (fiveRowTiles ? ", 5-row tiles" : "")
                + (packTransposedA ? ", packed transposed A" : "")
                + "; threads above " + parallelMinMulAdds
                + " multiply-adds (" + caches.describe() + ", " + caches.source() + ")";
    }
}
