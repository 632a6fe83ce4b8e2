"""Layer 1, parsing: the lexicons of patterns/ and the pure parsers that read French figures and periods with them; no spaCy."""
