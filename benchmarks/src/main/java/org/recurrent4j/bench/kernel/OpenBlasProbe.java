package org.recurrent4j.bench.kernel;

import java.util.List;
import java.util.Locale;

/**
 * Tells {@code run.sh} whether OpenBLAS, with the core that {@code OPENBLAS_CORETYPE} selects, is fit to be the
 * baseline: it prints the core and build, and checks gemm (all four transposes, odd sizes) and gemv against a
 * double-precision reference. Usage: {@code OpenBlasProbe [EXPECTED_CORE]}. Exit status: 0 fit; 1 wrong results;
 * 2 a core other than the expected one (OpenBLAS ignores core types it does not know); 3 library absent.
 */
public final class OpenBlasProbe {
    private OpenBlasProbe() {}

    public static void main(String[] args) {
        if (!OpenBlas.available()) {
            System.out.println("OpenBLAS absent: " + OpenBlas.absentReason());
            System.exit(3);
        }
        String core = OpenBlas.coreName();
        System.out.println("OpenBLAS core " + core + " (" + OpenBlas.config() + ")");
        if (args.length > 0 && !core.toLowerCase(Locale.ROOT).equals(args[0].toLowerCase(Locale.ROOT))) {
            System.out.println("OpenBLAS does not run core " + args[0] + " here");
            System.exit(2);
        }
        try {
            for (boolean ta : List.of(false, true)) {
                for (boolean tb : List.of(false, true)) {
                    Products.gemm("openblas", new GemmShape(ta, tb, 67, 45, 131, 1f));
                    Products.gemm("openblas", new GemmShape(ta, tb, 256, 50, 576, 0f));
                }
                Products.gemv("openblas", new GemvShape(ta, 301, 77));
            }
        } catch (IllegalStateException e) {
            System.out.println("OpenBLAS core " + core + " is unfit: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("OpenBLAS core " + core + " computes gemm and gemv correctly");
    }
}
