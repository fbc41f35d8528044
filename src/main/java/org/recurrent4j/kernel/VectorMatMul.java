package org.recurrent4j.kernel;

/** PLACEHOLDER until the Vector API implementation lands: delegates to the scalar twin. */
final class VectorMatMul extends ScalarMatMul {
}
