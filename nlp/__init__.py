"""chiffres: (metric, value, period, source) facts from French financial news."""
from nlp.api import extract
from nlp.fact import Evidence, Fact
from nlp.pipeline import load
from nlp.scoring import evaluate

__all__ = ["Evidence", "Fact", "evaluate", "extract", "load"]
