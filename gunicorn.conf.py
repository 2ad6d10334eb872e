"""gunicorn settings for production: `gunicorn website.wsgi` reads this file."""

import ctypes
import gc
import multiprocessing
import os

# glibc's malloc serves a block above this size from its own mapping, given back to the system
# when freed. Left alone, it raises that threshold (up to 32 MB) after the first such block is
# freed: the image buffers of a rendition (Pillow, the AVIF and WebP encoders) then come from the
# heap and stay resident once freed, and the worker that made a page's renditions kept about 60 MB
# more than the others (issue #17). Setting the threshold keeps it at glibc's default, 128 KiB.
# Other C libraries (macOS, Alpine's musl) have no mallopt: nothing to tune there.
M_MMAP_THRESHOLD = -3


def _keep_malloc_mmap_threshold(size: int = 128 * 1024) -> None:
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return
    mallopt(M_MMAP_THRESHOLD, size)


_keep_malloc_mmap_threshold()  # in the master: the workers inherit it when forked

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Two workers per core is a good start for a database-bound site; measure with `make bench`.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 30
graceful_timeout = 20
keepalive = 5
# Load Django and Wagtail once in the master, then fork: a worker (re)start costs a fork instead
# of ~2 s of imports, and workers share the loaded code's memory (website/wsgi.py also loads what a
# first request would: URLconf, hooks, templates). No connection is opened at import.
preload_app = True
# Recycle workers now and then as a guard against slow leaks; every 2,000 requests was so often
# that, at a few hundred cached pages per second, a worker was reloading most of the time (bench/README.md).
max_requests = 20000
max_requests_jitter = 2000
accesslog = "-"
# No client IP address in the access log: the site does not keep personal data.
access_log_format = '"%(r)s" %(s)s %(b)s %(L)ss'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


# The preloaded objects stay shared only as long as no worker writes to their memory pages.
# Python's cyclic garbage collector writes into every object it examines: in a worker, its first
# full collection copied much of the master's memory. Objects frozen before the fork are never
# examined again (Python documentation, gc.freeze); what the master loaded lives as long as the
# process anyway. About 15 MB less private memory a worker, measured with bench/bench_peer.py's setup.


def when_ready(server):
    """In the master, the application loaded, before the first worker is forked."""
    gc.collect()
    gc.freeze()


def pre_fork(server, worker):
    """Before each fork (a worker recycled by max_requests too): freeze what the master made since."""
    gc.freeze()
