package org.recurrent4j.bench.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws the loss curves of a training run as SVG, from the JSON lines that {@code recurrent4j train --metrics}
 * writes: the training loss of each report interval and, where measured, the validation loss, by step.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.recurrent4j.bench.report.TrainingCurve
 * METRICS.jsonl OUT.svg "TITLE"}
 */
public final class TrainingCurve {
    private TrainingCurve() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: TrainingCurve METRICS.jsonl OUT.svg TITLE");
            System.exit(2);
        }
        XYSeries train = new XYSeries("training loss (interval mean)");
        XYSeries validation = new XYSeries("validation loss");
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank()) continue;
            JsonObject m = JsonParser.parseString(line).getAsJsonObject();
            int step = m.get("step").getAsInt();
            train.add(step, m.get("loss").getAsDouble());
            if (m.has("valLoss") && !m.get("valLoss").isJsonNull()) validation.add(step, m.get("valLoss").getAsDouble());
        }
        if (train.isEmpty()) throw new IOException(args[0] + " holds no metrics lines");
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(train);
        if (!validation.isEmpty()) data.addSeries(validation);
        JFreeChart chart = ChartFactory.createXYLineChart(args[2], "step", "nats per character", data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, new Color(0x4C72B0));
        renderer.setSeriesPaint(1, new Color(0xDD8452));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        plot.setRenderer(renderer);
        SVGGraphics2D g2 = new SVGGraphics2D(800, 420);
        chart.draw(g2, new Rectangle2D.Double(0, 0, 800, 420));
        Files.writeString(Path.of(args[1]), g2.getSVGDocument());
    }
}
