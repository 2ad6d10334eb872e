"""A gunicorn worker's memory (issue #17): what the master loads is shared, and freed image buffers go back.

Each check runs in a fresh interpreter: what a module loads at import, a garbage collector frozen
or an allocator setting would otherwise leak into (or hide behind) the test process.
"""

from __future__ import annotations

import ctypes.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def _run(probe: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "website.settings.test"}
    result = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT, env=env, capture_output=True, text=True,  # noqa: S603
                            timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1]


WSGI_PROBE = """
import sys
import website.wsgi
from django.db import connections
from django.utils.translation import trans_real
loaded = {"wagtail.admin.urls", "wagtail.admin.wagtail_hooks", "website.wagtail_hooks",
          "django.template.loaders.cached", "django.core.cache.backends.locmem"} <= set(sys.modules)
open_connections = [c.alias for c in connections.all(initialized_only=True) if c.connection is not None]
print(loaded, open_connections, "fr" in trans_real._translations)
"""


def test_the_wsgi_module_loads_what_a_first_request_would_and_opens_no_connection():
    """Imported by gunicorn's master before it forks (preload_app): the workers share all of it."""
    assert _run(WSGI_PROBE) == "True [] True"


GC_PROBE = """
import gc, runpy
config = runpy.run_path("gunicorn.conf.py")
before = gc.get_freeze_count()
config["when_ready"](None)
after_ready = gc.get_freeze_count()
new = [[] for _ in range(1000)]
config["pre_fork"](None, None)
print(before == 0 and after_ready > 0 and gc.get_freeze_count() >= after_ready + 1000)
"""


def test_gunicorn_freezes_the_preloaded_objects_before_each_fork():
    """Frozen objects are never examined by a worker's garbage collector, so their pages stay shared."""
    assert _run(GC_PROBE) == "True"


MALLOC_PROBE = """
import ctypes, runpy, sys

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]

libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = MallInfo2
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = [ctypes.c_size_t]
libc.free.argtypes = [ctypes.c_void_p]
if sys.argv[1:] == ["with-config"]:
    runpy.run_path("gunicorn.conf.py")
size = 4 * 1024 * 1024  # an image buffer
libc.free(libc.malloc(size))  # glibc raises its threshold when a mapped block is freed...
block = libc.malloc(size)  # ...and would serve this one from the heap, where it stays resident once freed
print(libc.mallinfo2().hblkhd >= size)
libc.free(block)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux") or "libc.so.6" not in str(ctypes.util.find_library("c")),
                    reason="glibc only: elsewhere gunicorn.conf.py has nothing to tune")
def test_gunicorn_keeps_large_blocks_in_their_own_mappings_given_back_when_freed():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "website.settings.test"}

    def mapped(*args: str) -> str:
        result = subprocess.run([sys.executable, "-c", MALLOC_PROBE, *args], cwd=PROJECT, env=env,  # noqa: S603
                                capture_output=True, text=True, timeout=60, check=True)
        return result.stdout.strip()

    assert mapped() == "False", "glibc no longer raises its threshold: this setting may have become useless"
    assert mapped("with-config") == "True"
