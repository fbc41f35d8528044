/**
 * Data-parallel training of recurrent4j's character models on Apache Spark: local SGD with periodic averaging.
 * {@link org.recurrent4j.spark.SparkTrainer} is the programmatic API and {@link org.recurrent4j.spark.SparkTrain}
 * the {@code spark-submit} entry point; the driver holds the model, the executors each train a fixed part of the
 * corpus's streams, and the parameters and optimizer state are averaged every few steps.
 */
package org.recurrent4j.spark;
