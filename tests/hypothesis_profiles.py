"""Hypothesis profiles for tests/test_properties.py.

    default  30 examples a test, no deadline: the whole property file runs in well under a minute
    long     500 examples a test, for a night run or before a release

Choosing a profile (tests/conftest.py imports this module, so the profiles exist before
Hypothesis reads the option):

    .venv/bin/python -m pytest tests/test_properties.py --hypothesis-profile=long
"""
import os

from hypothesis import HealthCheck, settings

_COMMON = dict(
    deadline=None,  # the first pipeline call loads the French model (seconds)
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)

# Registering 'default' while it is the current profile makes it the active one at once;
# registering never overrides a profile chosen on the command line.
settings.register_profile("default", max_examples=30, **_COMMON)
settings.register_profile("long", max_examples=500, **_COMMON)

if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
