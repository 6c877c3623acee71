"""Runnable benchmarks and the synthetic mail generator they share."""
