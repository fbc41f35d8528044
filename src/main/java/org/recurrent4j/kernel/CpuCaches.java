package org.recurrent4j.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The data caches of one core, as the CPU reports them: sizes in bytes, associativity and line size. Read once
 * from Linux's {@code /sys/devices/system/cpu/cpu0/cache}; where a virtual machine leaves that out, from
 * {@code getconf -a}, which the C library answers from the CPU's own identification (CPUID on x86); where both
 * fail, a conservative guess (32 KiB 8-way L1d, 512 KiB 8-way L2, 8 MiB L3) that no current x86 or ARM server core
 * is smaller than.
 * Each figure can be overridden by a system property ({@code recurrent4j.cache.l1d=48K},
 * {@code recurrent4j.cache.l1dWays=12}, {@code recurrent4j.cache.l2=2M}, {@code recurrent4j.cache.l2Ways=16},
 * {@code recurrent4j.cache.l3=32M}), so the kernels' blocking can be chosen for another CPU's caches.
 *
 * @param l1d      level-1 data cache, bytes
 * @param l1dWays  its associativity
 * @param l2       level-2 cache, bytes
 * @param l2Ways   its associativity
 * @param l3       level-3 cache, bytes (0 when there is none)
 * @param line     cache line, bytes
 * @param source   where the figures came from: {@code sysfs}, {@code getconf}, {@code default}, with {@code +overrides} when a
 *                 property replaced any of them
 */
public record CpuCaches(int l1d, int l1dWays, int l2, int l2Ways, long l3, int line, String source) {
    /** The prefix of the override properties. */
    public static final String PROPERTY_PREFIX = "recurrent4j.cache.";

    static final CpuCaches FALLBACK = new CpuCaches(32 << 10, 8, 512 << 10, 8, 8L << 20, 64, "default");

    public CpuCaches {
        if (l1d < 4096 || l1dWays < 1 || l2 < l1d || l2Ways < 1 || l3 < 0 || line < 16 || Integer.bitCount(line) != 1) {
            throw new IllegalArgumentException("implausible caches: L1d " + l1d + " B " + l1dWays + "-way, L2 " + l2
                    + " B " + l2Ways + "-way, L3 " + l3 + " B, line " + line + " B");
        }
    }

    /** Sets of the L2 cache: the number of distinct places a line can go, given its associativity. */
    public int l2Sets() {
        return Math.max(1, l2 / (line * l2Ways));
    }

    /** This machine's caches, with the system properties' overrides applied. */
    public static CpuCaches detect() {
        CpuCaches found = read(Path.of("/sys/devices/system/cpu/cpu0/cache"));
        if (found == null) found = parseGetconf(getconf());
        return withOverrides(found == null ? FALLBACK : found);
    }

    /**
     * The output of {@code getconf -a}, or null when it cannot run, fails or does not finish within two seconds
     * (its few kilobytes fit the pipe, so it need not be read while it runs).
     */
    static String getconf() {
        try {
            Process p = new ProcessBuilder("getconf", "-a").redirectErrorStream(true).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            byte[] out = p.getInputStream().readAllBytes();
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The caches in glibc's {@code getconf -a} output ({@code LEVEL1_DCACHE_SIZE 49152} and the like), or null
     * when it names no L1d or L2 size.
     */
    static CpuCaches parseGetconf(String output) {
        if (output == null) return null;
        Map<String, Long> v = new HashMap<>();
        for (String line : output.split("\\R")) {
            String[] f = line.strip().split("\\s+");
            long n = f.length == 2 ? bytes(f[1]) : -1; // an empty, zero or odd value: as if absent
            if (n > 0) v.put(f[0], n);
        }
        long l1d = v.getOrDefault("LEVEL1_DCACHE_SIZE", 0L), l2 = v.getOrDefault("LEVEL2_CACHE_SIZE", 0L);
        if (l1d == 0 || l2 == 0 || l1d > Integer.MAX_VALUE || l2 > Integer.MAX_VALUE) return null;
        return plausible((int) l1d, v.getOrDefault("LEVEL1_DCACHE_ASSOC", 0L).intValue(), (int) l2,
                v.getOrDefault("LEVEL2_CACHE_ASSOC", 0L).intValue(), v.getOrDefault("LEVEL3_CACHE_SIZE", 0L),
                v.getOrDefault("LEVEL1_DCACHE_LINESIZE", 64L).intValue(), "getconf");
    }

    /**
     * The caches with these figures, an unknown associativity (0, as some virtual CPUs report) counted as 8, a
     * common value; null when they are implausible, so that the caller falls back.
     */
    private static CpuCaches plausible(int l1d, int l1dWays, int l2, int l2Ways, long l3, int line, String source) {
        try {
            return new CpuCaches(l1d, l1dWays > 0 ? l1dWays : 8, l2, l2Ways > 0 ? l2Ways : 8, l3, line, source);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The caches described under {@code dir} (sysfs layout: {@code index*\/level}, {@code type}, {@code size},
     * {@code ways_of_associativity}, {@code coherency_line_size}), or null when an L1d or L2 is not found there.
     */
    static CpuCaches read(Path dir) {
        int l1d = 0, l1dWays = 0, l2 = 0, l2Ways = 0, line = 64;
        long l3 = 0;
        try (var entries = Files.newDirectoryStream(dir, "index*")) {
            for (Path index : entries) {
                String type = text(index.resolve("type"));
                if (type == null || type.equals("Instruction")) continue;
                String level = text(index.resolve("level"));
                long size = bytes(text(index.resolve("size")));
                int ways = intOr(text(index.resolve("ways_of_associativity")), 0);
                int lineSize = intOr(text(index.resolve("coherency_line_size")), 64);
                if (level == null || size <= 0) continue;
                switch (level) {
                    case "1" -> {
                        l1d = (int) size;
                        l1dWays = ways;
                        line = lineSize;
                    }
                    case "2" -> {
                        l2 = (int) size;
                        l2Ways = ways;
                    }
                    case "3" -> l3 = size;
                    default -> { }
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (l1d == 0 || l2 == 0) return null;
        return plausible(l1d, l1dWays, l2, l2Ways, l3, line, "sysfs");
    }

    /** {@code base} with each figure a system property sets replaced. */
    static CpuCaches withOverrides(CpuCaches base) {
        String l1d = System.getProperty(PROPERTY_PREFIX + "l1d");
        String l1dWays = System.getProperty(PROPERTY_PREFIX + "l1dWays");
        String l2 = System.getProperty(PROPERTY_PREFIX + "l2");
        String l2Ways = System.getProperty(PROPERTY_PREFIX + "l2Ways");
        String l3 = System.getProperty(PROPERTY_PREFIX + "l3");
        if (l1d == null && l1dWays == null && l2 == null && l2Ways == null && l3 == null) return base;
        return new CpuCaches(
                l1d == null ? base.l1d : (int) property("l1d", l1d, true),
                l1dWays == null ? base.l1dWays : (int) property("l1dWays", l1dWays, false),
                l2 == null ? base.l2 : (int) property("l2", l2, true),
                l2Ways == null ? base.l2Ways : (int) property("l2Ways", l2Ways, false),
                l3 == null ? base.l3 : property("l3", l3, true),
                base.line, base.source + "+overrides");
    }

    private static long property(String name, String value, boolean size) {
        long v = size ? bytes(value) : intOr(value, -1);
        if (v <= 0) {
            throw new IllegalArgumentException("-D" + PROPERTY_PREFIX + name + "=" + value + " is not a positive "
                    + (size ? "size (e.g. 48K, 2M)" : "integer"));
        }
        return v;
    }

    /** "48K", "2M", "32768K" or a plain number of bytes; −1 when it is none of these. */
    static long bytes(String s) {
        if (s == null || s.isBlank()) return -1;
        String t = s.strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K")) unit = 1 << 10;
        else if (t.endsWith("M")) unit = 1 << 20;
        else if (t.endsWith("G")) unit = 1 << 30;
        if (unit != 1) t = t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(t);
            return v > 0 ? v * unit : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int intOr(String s, int fallback) {
        if (s == null) return fallback;
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String text(Path p) {
        try {
            return Files.isReadable(p) ? Files.readString(p).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** e.g. {@code L1d 32 KiB 8-way, L2 512 KiB 8-way, L3 32 MiB}. */
    public String describe() {
        return "L1d " + size(l1d) + " " + l1dWays + "-way, L2 " + size(l2) + " " + l2Ways + "-way"
                + (l3 > 0 ? ", L3 " + size(l3) : "");
    }

    static String size(long b) {
        if (b >= (1 << 20) && b % (1 << 20) == 0) return (b >> 20) + " MiB";
        if (b >= (1 << 10) && b % (1 << 10) == 0) return (b >> 10) + " KiB";
        return b + " B";
    }
}
