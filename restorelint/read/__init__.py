"""Read and segment: paths and stdin to Sources (or one clear error per bad input),
and each Source's prose to Segments whose characters map back to the file."""
