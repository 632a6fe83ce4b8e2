"""The relation step: metric, kind, period and source of every figure."""
