"""Benchmarks, run with ``python -m bench``; each module in ``MODULES`` exposes ``main()``."""
