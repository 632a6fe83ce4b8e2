"""chiffres: (metric, value, period, source) facts from French financial news."""
from nlp.api import extract
from nlp.pipeline.fact import Evidence, Fact
from nlp.pipeline.loader import load
from nlp.scoring.scoring import evaluate

__all__ = ["Evidence", "Fact", "evaluate", "extract", "load"]
