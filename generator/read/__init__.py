"""Reading: what in the seeds folder is a seed, and each file through the reader for its format."""
