/**
 * The report tool: renders every profile's JMH results as perf-reports/README.md with SVG charts, compares two
 * result files, and draws the loss curves of a training run from its metrics file.
 */
package org.recurrent4j.bench.report;
