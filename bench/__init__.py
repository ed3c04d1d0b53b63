"""Benchmarks: parsing speed and the served portal under load."""
