"""`python -m nlp.bench`: the benchmark's command line (its child processes run `python -m nlp.bench --child …`)."""
import sys

from nlp.bench.benchmark import main

sys.argv[0] = "python -m nlp.bench"  # what --help names, rather than __main__.py
sys.exit(main())
