/**
 * The options that {@code train} and the Spark module's {@code recurrent4j-spark} both take, as picocli mixins,
 * and the checks of option values that the commands share, each failure a one-line usage error. The package is
 * exported so that the Spark entry point declares these options from here rather than again.
 */
package org.recurrent4j.cli.options;
