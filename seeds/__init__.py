"""The seed articles, shipped as package data: the benchmark corpus is made from them."""
