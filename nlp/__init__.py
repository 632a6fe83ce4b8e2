"""chiffres: (metric, value, period, source) facts from French financial news."""
from nlp.api import extract
from nlp.fact import Evidence, Fact
from nlp.pipeline import load

__all__ = ["Evidence", "Fact", "extract", "load"]
