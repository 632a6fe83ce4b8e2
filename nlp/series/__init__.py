"""Layer 7, series: series across articles (`build`), their HTML page, a whole `chiffres series` run."""
from nlp.series.series import build

__all__ = ["build"]
