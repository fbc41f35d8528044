/**
 * Reverse-mode automatic differentiation: {@link org.recurrent4j.graph.Graph}, a tape whose ops compute their
 * outputs at once and, when it records, replay their backward rules in reverse. The graph owns its ops' output
 * buffers and reuses them after {@code reset()}, so a sequence of the same shapes allocates nothing. The ops and
 * their backward rules are in docs/math.md#ops.
 */
package org.recurrent4j.graph;
