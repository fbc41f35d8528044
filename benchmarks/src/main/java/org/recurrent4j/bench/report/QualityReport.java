package org.recurrent4j.bench.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The quality comparison of {@code benchmarks/quality.sh}: the validation-loss curves of several training runs
 * against wall-clock time in one SVG chart, and a Markdown table of each run's best validation loss. Each run is a
 * file of JSON lines with {@code elapsedSeconds} and, on validation lines, {@code valLoss} and {@code step}: what
 * {@code recurrent4j train --metrics} writes, and what {@code benchmarks/peers/torch_train.py --metrics} writes.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.recurrent4j.bench.report.QualityReport OUT.svg
 * OUT.md "TITLE" "LABEL=FILE.jsonl"...}
 */
public final class QualityReport {
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};

    private QualityReport() {}

    /** One run's validations: (minutes since its first step, loss), and its steps. */
    record Run(String label, List<double[]> points, List<Long> steps) {
        static Run read(String label, Path file) throws IOException {
            List<double[]> points = new ArrayList<>();
            List<Long> steps = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) continue;
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                if (!o.has("valLoss") || o.get("valLoss").isJsonNull()) continue;
                double v = Double.parseDouble(o.get("valLoss").getAsString()); // a string when not finite
                points.add(new double[] {o.get("elapsedSeconds").getAsDouble() / 60, v});
                steps.add(o.get("step").getAsLong());
            }
            if (points.isEmpty()) throw new IOException(file + " holds no validation loss; was --val-every reached?");
            return new Run(label, points, steps);
        }

        int best() {
            int b = 0;
            for (int i = 1; i < points.size(); i++) if (points.get(i)[1] < points.get(b)[1]) b = i;
            return b;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: QualityReport OUT.svg OUT.md TITLE LABEL=FILE.jsonl...");
            System.exit(2);
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) throw new IllegalArgumentException("not LABEL=FILE: " + args[i]);
            runs.add(Run.read(args[i].substring(0, eq), Path.of(args[i].substring(eq + 1))));
        }
        Files.writeString(Path.of(args[0]), svg(args[2], runs));
        Files.writeString(Path.of(args[1]), table(runs));
    }

    static String svg(String title, List<Run> runs) {
        SVGGraphics2D g2 = new SVGGraphics2D(900, 480);
        chart(title, runs).draw(g2, new Rectangle2D.Double(0, 0, 900, 480));
        return g2.getSVGDocument();
    }

    /** The curves, one line per run, the value axis starting just below the lowest loss. */
    static JFreeChart chart(String title, List<Run> runs) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Run r : runs) {
            XYSeries s = new XYSeries(r.label(), false);
            // A diverged validation (infinite loss) stays in the table but has no place on the axis.
            for (double[] p : r.points()) if (!Double.isInfinite(p[1])) s.add(p[0], p[1]);
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "wall-clock minutes since the first step",
                "validation loss (nats per character)", data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        // the early losses, far above the rest, would flatten the part worth reading: start the axis near the best
        double low = runs.stream().mapToDouble(r -> r.points().get(r.best())[1]).min().orElse(0);
        double high = runs.stream().mapToDouble(r -> r.points().get(Math.min(r.points().size() - 1, 1))[1]).max()
                .orElse(low + 1);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(true);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRangeIncludesZero(false);
        if (high > low) y.setRange(low - 0.05 * (high - low), high + 0.05 * (high - low));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < runs.size(); i++) {
            renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        return chart;
    }

    static String table(List<Run> runs) {
        StringBuilder sb = new StringBuilder();
        sb.append("| run | best validation loss | at minute | at step | last validation loss | at minute | validations |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            int b = r.best();
            double[] best = r.points().get(b);
            double[] last = r.points().getLast();
            sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.1f | %,d | %.4f | %.1f | %d |%n", r.label(), best[1],
                    best[0], r.steps().get(b), last[1], last[0], r.points().size()));
        }
        return sb.toString();
    }
}
