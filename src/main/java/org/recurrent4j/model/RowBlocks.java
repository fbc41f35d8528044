package org.recurrent4j.model;

import org.recurrent4j.tensor.Mat;

/**
 * Several matrices of the same shape stored as consecutive row blocks of one matrix, e.g. an LSTM layer's Wix,
 * Wfx, Wox and Wcx as one (4H)×P matrix. Each block keeps its own name as a parameter; a step multiplies the
 * whole matrix once and takes the blocks' rows of the product with {@code Graph.rowBlock}.
 */
final class RowBlocks {
    final Mat whole;
    private final int blockRows;
    private final Mat[] blocks;

    RowBlocks(int count, int blockRows, int cols) {
        this.blockRows = blockRows;
        whole = new Mat(count * blockRows, cols);
        blocks = new Mat[count];
        for (int k = 0; k < count; k++) blocks[k] = whole.rowBlock(k * blockRows, blockRows);
    }

    Mat block(int k) {
        return blocks[k];
    }

    /** Blocks first … first + count − 1 as one view, e.g. the u and r rows that one product serves. */
    Mat span(int first, int count) {
        return whole.rowBlock(first * blockRows, count * blockRows);
    }

    /** {@link #span} of each layer's blocks. */
    static Mat[] spans(RowBlocks[] layers, int first, int count) {
        Mat[] out = new Mat[layers.length];
        for (int j = 0; j < layers.length; j++) out[j] = layers[j].span(first, count);
        return out;
    }
}
