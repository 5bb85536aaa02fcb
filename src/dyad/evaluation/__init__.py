"""Evaluation: gold-set readers, scoring and reports (`dyad eval`)."""
