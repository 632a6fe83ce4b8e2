"""The head of every HTML page chiffres writes (facts, evaluation reports, series), and the style the reports share."""
from __future__ import annotations

import html

# The evaluation report's style, which the series page extends.
CSS = """
body { font-family: system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
article { border-top: 2px solid #888; margin-top: 2em; padding-top: 0.5em; }
.scores { color: #555; font-size: 0.9em; }
.entities { line-height: 2.2; }
mark.entity { padding: 0.15em 0.35em; margin: 0 0.1em; border-radius: 0.3em; cursor: help; }
mark.entity .label { font-size: 0.65em; font-weight: bold; margin-left: 0.4em; vertical-align: middle; }
.box { background: #f1f3f5; border-left: 4px solid #868e96; padding: 0.3em 1em; margin-top: 1em; font-size: 0.9em; }
.box li { white-space: pre-line; margin-bottom: 0.4em; }
.legend mark { padding: 0.1em 0.4em; border-radius: 0.3em; }
"""


def head(title: str, css: str) -> str:
    """A page from its doctype to its opened body: the title, the style, and a policy that lets it fetch and run nothing."""
    return f"""<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>{css}</style></head>
<body>
"""
