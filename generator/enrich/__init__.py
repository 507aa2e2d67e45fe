"""Enriching: records of one paper merged, identified, annotated, tagged and related to the others."""
