"""Industry redefined: the pure computations behind the three definitions of industrial employment.

Nothing in this package imports Django: the functions work on numpy arrays and plain Python
structures, so they are tested without a database and reused by importers, services and benchmarks.

- :mod:`observatory.industry.io_algebra` — input–output algebra (Leontief) and regionalisation.
- :mod:`observatory.industry.definitions` — sector, filière and input–output definitions of
  industrial employment, and their gaps.
- :mod:`observatory.industry.parsers` — readers for the UN-handbook symmetric table and the
  INSEE A38 extraction, with balance checks.
"""
