"""Benchmarks: a generated corpus with known facts, and the corpus-scale benchmark."""
