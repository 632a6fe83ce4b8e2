"""Layer 6, scoring: gold and predicted records, `evaluate()`, the reports, a whole evaluation run."""
