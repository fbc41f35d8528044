/**
 * recurrent4j: recurrent neural networks (RNN, LSTM, GRU and the gated-feedback kinds) with reverse-mode
 * automatic differentiation, on kernels written against the JDK Vector API.
 *
 * <p>The engine's packages are exported; the kernels export only their public entry points ({@code Kernels},
 * {@code MatMul}, {@code ElementWise}, {@code Activations}, {@code Softmax}, {@code Updates},
 * {@code KernelThreads}), their Vector API and scalar implementations staying package-private. The Vector API is
 * optional: add {@code --add-modules jdk.incubator.vector} to run the vector kernels; without it the scalar
 * kernels run, with the same results up to rounding. The command-line program ({@code org.recurrent4j.cli}) is
 * not exported, but for the training options and checks it shares with the Spark module
 * ({@code org.recurrent4j.cli.options}); picocli and Gson read the options and the file headers by reflection.
 */
module org.recurrent4j {
    requires static jdk.incubator.vector;
    requires java.logging;
    requires java.management;
    requires jdk.management;
    requires com.google.gson;
    requires info.picocli;
    requires me.tongfei.progressbar;

    exports org.recurrent4j.kernel;
    exports org.recurrent4j.tensor;
    exports org.recurrent4j.graph;
    exports org.recurrent4j.model;
    exports org.recurrent4j.optim;
    exports org.recurrent4j.text;
    exports org.recurrent4j.train;
    exports org.recurrent4j.io;
    exports org.recurrent4j.cli.options;

    opens org.recurrent4j.cli to info.picocli;
    opens org.recurrent4j.cli.options to info.picocli;
    opens org.recurrent4j.io to com.google.gson;
    opens org.recurrent4j.train to com.google.gson;
}
