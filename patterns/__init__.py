"""Ruler patterns and lexicons of chiffres, shipped as package data."""
