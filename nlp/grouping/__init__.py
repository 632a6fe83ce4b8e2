"""Layer 4, grouping: a metric's canonical key, a figure's status, and the chiffres_keys component that sets both."""
