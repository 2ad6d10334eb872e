"""One loader module per step of ``manage.py load_demo`` (``settings.DEMO_LOADERS``), each with ``load(stdout)``.

The other modules of this package hold a loader's content or helpers (``careers_content``,
``schools_files``…). Every loader is idempotent: what a previous run created is found again and
left as it is.
"""
