package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.recurrent4j.kernel.GemmTuning;
import org.recurrent4j.kernel.Kernels;

class InfoCommandTest {

    /** Output and exit code of one CLI run. */
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void jsonHasEveryKeyAndMatchesTheSelectedKernels() {
        Run r = run("info", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        Kernels k = Kernels.get();
        assertEquals(Runtime.version().toString(), o.get("jdk").getAsString());
        assertEquals(k.implementation(), o.get("implementation").getAsString());
        assertEquals(k.vectorBits(), o.get("vectorBits").getAsInt());
        assertEquals(k.floatLanes(), o.get("floatLanes").getAsInt());
        assertEquals(k.fma(), o.get("fma").getAsBoolean());
        assertEquals(k.alignedLoads(), o.get("alignedLoads").getAsBoolean());
        assertEquals(Runtime.getRuntime().availableProcessors(), o.get("cores").getAsInt());
        assertFalse(o.get("cpu").getAsString().isBlank());
        GemmTuning t = GemmTuning.current();
        assertEquals(t.caches().describe(), o.get("caches").getAsString());
        JsonObject gemm = o.getAsJsonObject("gemm");
        assertEquals(t.kc(), gemm.get("kc").getAsInt());
        assertEquals(t.mc(), gemm.get("mc").getAsInt());
        assertEquals(t.nc(), gemm.get("nc").getAsInt());
        assertEquals(t.registers(), gemm.get("registers").getAsInt());
        assertEquals(t.pairTiles(), gemm.get("pairTiles").getAsBoolean());
        assertEquals(t.fiveRowTiles(), gemm.get("fiveRowTiles").getAsBoolean());
        assertEquals(t.packTransposedA(), gemm.get("packTransposedA").getAsBoolean());
        assertEquals(10, o.size());
    }

    @Test
    void vectorKernelsAreSelectedWhenTheModuleIsPresent() {
        // Surefire passes --add-modules jdk.incubator.vector and runs C2, so the vector kernels must win.
        assertTrue(Kernels.vectorAvailable(), "Vector API unavailable in the test JVM");
        JsonObject o = JsonParser.parseString(run("info", "--json").out()).getAsJsonObject();
        assertEquals("vector", o.get("implementation").getAsString());
        assertTrue(o.get("vectorBits").getAsInt() >= 128);
    }

    @Test
    void textFormNamesTheKernelsAndWidth() {
        Run r = run("info");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("kernels         " + Kernels.get().implementation()), r.out());
        assertTrue(r.out().contains(Kernels.get().vectorBits() + " bits"), r.out());
    }

    @Test
    void unknownOptionIsAUsageErrorWithoutStackTrace() {
        Run r = run("info", "--jsn");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option: '--jsn'"), r.err());
        assertFalse(r.err().contains("at org."), r.err());
    }
}
