package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.lang.ref.WeakReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The level that keeps the library's kernel line off stderr survives garbage collection: java.util.logging holds
 * loggers weakly, and a level set on a logger nobody holds was lost, so that the line appeared, timestamped, under
 * --quiet whenever a collection came before the kernels were chosen.
 */
class QuietLoggingTest {
    @Test
    void theQuietLevelSurvivesACollection() {
        Level before = Logger.getLogger("org.recurrent4j").getLevel();
        try {
            Main.quietLibraryLogging(new String[] {"train", "--quiet"});
            for (int i = 0; i < 5; i++) collect();
            assertEquals(Level.WARNING, Logger.getLogger("org.recurrent4j").getLevel());
        } finally {
            Logger.getLogger("org.recurrent4j").setLevel(before);
        }
    }

    /** A full collection, seen to have happened by a weakly held object's disappearance. */
    private static void collect() {
        WeakReference<Object> canary = new WeakReference<>(new Object());
        while (canary.get() != null) {
            System.gc();
            Thread.onSpinWait();
        }
    }
}
