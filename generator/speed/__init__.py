"""Only there to be fast: two cores at once, and what a build keeps for the next one or for a rerun."""
