"""Layer 2, pipeline: the spaCy extensions, the tokenizer, the rulers, the normaliser and organisations, `load()`; the Fact they end in."""
