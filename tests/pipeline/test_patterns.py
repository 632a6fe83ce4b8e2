"""The ruler pattern files are what patterns/build_patterns.py writes from the lexicons."""
import importlib.util

import pytest

from conftest import ROOT

SPEC = importlib.util.spec_from_file_location("build_patterns", ROOT / "patterns" / "build_patterns.py")
build_patterns = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(build_patterns)


@pytest.mark.parametrize("name", sorted(build_patterns.BUILDERS))
def test_pattern_file_is_up_to_date(name):
    written = (ROOT / "patterns" / name).read_text(encoding="utf-8")
    assert written == build_patterns.render(build_patterns.BUILDERS[name]()), (
        f"patterns/{name} differs from the lexicons: run python patterns/build_patterns.py")


def test_every_currency_form_of_the_lexicon_reaches_a_money_pattern():
    patterns = (ROOT / "patterns" / "money.jsonl").read_text(encoding="utf-8")
    for code, entry in build_patterns.load("currencies.yaml").items():
        for form in entry.get("symbols", []):
            assert f'"{form.split()[0]}"' in patterns, (code, form)
