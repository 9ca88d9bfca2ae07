package dev.tidemark;

/**
 * What {@code validate} and {@code migrate} do when the live schema differs from the snapshot
 * recorded by the last successful migrate or baseline (objects added, removed or changed by hand).
 */
public enum DriftMode {
    /** Validation fails and migrate refuses to apply anything. The default. */
    FAIL,
    /** Each difference is reported as a warning; validation passes and migrate goes on. */
    WARN,
    /** The live schema is not compared at all. */
    IGNORE
}
