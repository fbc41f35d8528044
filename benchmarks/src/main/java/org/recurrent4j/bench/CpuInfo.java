package org.recurrent4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the operating system says about the CPU: vendor, family and model numbers, model name and feature flags,
 * read from {@code /proc/cpuinfo} on Linux (fields stay empty elsewhere).
 */
record CpuInfo(String vendor, int family, int model, String modelName, List<String> flags, int coresPerSocket) {

    /** Reads the first processor's entry of /proc/cpuinfo. */
    static CpuInfo read() {
        Map<String, String> fields = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.isBlank()) break;
                int colon = line.indexOf(':');
                if (colon > 0) fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        } catch (IOException | SecurityException e) {
            // Not Linux: the JVM's architecture name is all there is.
        }
        String flags = fields.getOrDefault("flags", fields.getOrDefault("Features", ""));
        String name = fields.getOrDefault("model name", System.getProperty("os.arch"));
        return new CpuInfo(fields.getOrDefault("vendor_id", fields.getOrDefault("CPU implementer", "")),
                number(fields.get("cpu family")), number(fields.get("model")), name,
                flags.isBlank() ? List.of() : Arrays.asList(flags.trim().split("\\s+")),
                number(fields.get("cpu cores")));
    }

    /** AMD's core generation from the family and model numbers (zen … zen5), or "" when unknown. */
    String microarchitecture() {
        if (!vendor.equals("AuthenticAMD")) return "";
        return switch (family) {
            case 0x17 -> model < 0x30 ? "zen" : "zen2";
            case 0x19 -> (model < 0x10 || (model >= 0x20 && model < 0x60)) ? "zen3" : "zen4";
            case 0x1a -> "zen5";
            default -> "";
        };
    }

    /** The widest SIMD instruction set the flags announce: avx512, avx2, avx, sse4, sve, neon, or "". */
    String simd() {
        for (String isa : List.of("avx512f", "avx2", "avx", "sse4_2", "sve", "asimd")) {
            if (flags.contains(isa)) {
                return switch (isa) {
                    case "avx512f" -> "avx512";
                    case "sse4_2" -> "sse4";
                    case "asimd" -> "neon";
                    default -> isa;
                };
            }
        }
        return "";
    }

    /** A file-name-safe profile name, e.g. {@code amd-epyc-zen5-avx512-512bit} for a given vector width. */
    String profileName(int vectorBits) {
        String name = modelName.toLowerCase(Locale.ROOT)
                .replaceAll("\\((r|tm)\\)", " ")
                .replaceAll("@.*$", " ")
                .replaceAll("\\b(cpu|processor|\\d+-core)\\b", " ");
        StringBuilder slug = new StringBuilder(name.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", ""));
        for (String part : List.of(microarchitecture(), simd())) {
            if (!part.isEmpty() && !slug.toString().contains(part)) slug.append('-').append(part);
        }
        return slug.append('-').append(vectorBits).append("bit").toString().replaceAll("^-", "");
    }

    private static int number(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
