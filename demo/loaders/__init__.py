"""One loader module per step of ``manage.py load_demo`` (``settings.DEMO_LOADERS``), each with ``load(stdout)``.

The other modules of this package are a loader's helpers (``schools_kits``, ``schools_files``…).
The content itself is data: ``demo/data/`` (read and checked by ``demo.content``) and the committed
files of ``demo/media/`` (docs/demo-content.md). Every loader is idempotent: what a previous run
created is found again and left as it is.
"""
