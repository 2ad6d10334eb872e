"""gunicorn settings for production: `gunicorn website.wsgi` reads this file."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Two workers per core is a good start for a database-bound site; measure with `make bench`.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 30
graceful_timeout = 20
keepalive = 5
# Load Django and Wagtail once in the master, then fork: a worker (re)start costs a fork instead
# of ~2 s of imports, and workers share the loaded code's memory. No connection is opened at import.
preload_app = True
# Recycle workers now and then as a guard against slow leaks; every 2,000 requests was so often
# that, at a few hundred cached pages per second, a worker was reloading most of the time (bench/README.md).
max_requests = 20000
max_requests_jitter = 2000
accesslog = "-"
# No client IP address in the access log: the site does not keep personal data.
access_log_format = '"%(r)s" %(s)s %(b)s %(L)ss'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
