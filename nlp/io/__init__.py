"""Layer 5, inputs and outputs: readers, writers, ordered streaming over processes, a whole extraction run, the Dask engine."""
