package org.recurrent4j.model;

/**
 * The form of the gated-feedback models' global reset gate g^{i→j}: an H_j-vector applied element-wise
 * (RecurrentNN.jl, the default) or one scalar per column (the paper: wgx and wgh are row vectors).
 */
public enum FeedbackGate { VECTOR, SCALAR }
