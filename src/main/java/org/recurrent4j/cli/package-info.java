/**
 * The {@code recurrent4j} command-line program (picocli): {@code train}, {@code sample}, {@code eval},
 * {@code export}, {@code import} and {@code info}. It is the only code that prints; every expected failure becomes
 * one line on stderr and a non-zero exit code. The commands and their options are described in docs/cli.md.
 */
package org.recurrent4j.cli;
