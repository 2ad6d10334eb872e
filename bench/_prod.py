"""A production-like server for the benchmarks: gunicorn, production settings, collected static files.

Everything listens on 127.0.0.1 only (ports 8006–8009 for gunicorn, 6390–6391 for the
benchmark's own Redis, 5439 for its own PostgreSQL) and every process started here is stopped
by the same code, by its process id.

``SECURE_SSL_REDIRECT=false``: the production settings redirect every HTTP request to HTTPS,
which a reverse proxy terminates in real deployments. On the loopback there is no TLS, so the
benchmark would only measure redirects; everything else (``DEBUG=False``, WhiteNoise with
compressed, versioned static files, security headers, cookie flags) is production as is.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
WORKERS = int(os.environ.get("BENCH_WORKERS", str((os.cpu_count() or 1) * 2)))
_static_root: Path | None = None


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}}
    env.update({
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",  # no TLS on the loopback: see the module docstring
        "DATABASE_URL": database_url,
        "EMAIL_HOST": os.environ.get("EMAIL_HOST", "localhost"),  # production refuses to start without one
        "STATIC_ROOT": str(collected_static()),
        "MEDIA_ROOT": os.environ.get("BENCH_MEDIA_ROOT", str(PROJECT / "test-media")),
        "LOG_LEVEL": "ERROR",
        "WEB_CONCURRENCY": str(WORKERS),
        "GUNICORN_THREADS": "1",
        # wrk connects from the loopback: trusting it as a proxy lets the "phone browser" row send
        # each request as another visitor (X-Forwarded-For), so that every view stays counted
        # (audience counts at most 10 views of a page per visitor and hour).
        "TRUSTED_PROXIES": "127.0.0.1",
    })
    env.update(extra)
    return env


def collected_static() -> Path:
    """collectstatic once per benchmark run, with the production (compressed, versioned) storage."""
    global _static_root
    if _static_root is None:
        _static_root = Path(tempfile.mkdtemp(prefix="ida-bench-static-"))
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        env.update({"DJANGO_SETTINGS_MODULE": "website.settings.production", "SECRET_KEY": "collectstatic-only",
                    "ALLOWED_HOSTS": "127.0.0.1", "STATIC_ROOT": str(_static_root),
                    "DATABASE_URL": f"sqlite:///{PROJECT / 'db.sqlite3'}", "EMAIL_HOST": "localhost",
                    "PAGE_CACHE_ENABLED": "false"})
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
                       cwd=PROJECT, env=env, check=True, timeout=300)
    return _static_root


def static_css_path() -> str:
    """The versioned URL of the main stylesheet, as the pages link it (the static-file ceiling)."""
    import json

    manifest = json.loads((collected_static() / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/main.css"]


def wait_for(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 — loopback only
                return
        except urllib.error.HTTPError:
            return  # the server answers, even if with an error status
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


@contextmanager
def gunicorn(port: int, database_url: str, **env: str) -> Iterator[str]:
    """Run gunicorn with the production settings on 127.0.0.1:``port``; yield its base URL."""
    environment = production_env(database_url, GUNICORN_BIND=f"127.0.0.1:{port}", **env)
    log = Path(tempfile.gettempdir()) / f"ida-bench-gunicorn-{port}.log"  # errors, for post-mortems
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "bench.wsgi_media", "-c", "gunicorn.conf.py", "--access-logfile", "/dev/null"],
            cwd=PROJECT, env=environment, stdout=subprocess.DEVNULL, stderr=stderr,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/robots.txt")
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def redis_server(port: int) -> Iterator[subprocess.Popen]:
    """The benchmark's own Redis on 127.0.0.1:``port`` (never the machine's shared one)."""
    executable = shutil.which("redis-server")
    if executable is None:
        raise RuntimeError("redis-server is absent (apt-get install redis-server)")
    process = subprocess.Popen([executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


# --- Load generation ----------------------------------------------------------------------------

WRK_HINT = "wrk is absent: install it with `apt-get install wrk` (Debian/Ubuntu) to measure requests per second"


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


@dataclass
class LoadResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # socket errors plus non-2xx/3xx answers

    def summary(self) -> str:
        if self.requests == 0:
            return f"aucune réponse pendant la mesure (serveur saturé), erreurs {self.errors}"
        return f"{self.requests_per_second:8.0f} req/s   p50 {self.p50_ms:7.1f} ms   p99 {self.p99_ms:7.1f} ms   erreurs {self.errors}"


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


#: What a phone browser sends: such a request counts as a page view (``audience``), wrk's own does not.
BROWSER_USER_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "Chrome/131.0 Mobile Safari/537.36")


def many_visitors_script() -> Path:
    """A wrk Lua script giving each request another visitor's address (X-Forwarded-For)."""
    import tempfile

    script = Path(tempfile.mkstemp(prefix="ida-wrk-visitors-", suffix=".lua")[1])
    script.write_text(
        "local i = 0\n"
        "request = function()\n"
        "  i = i + 1\n"
        "  wrk.headers['X-Forwarded-For'] = string.format('10.%d.%d.%d', i % 250, math.floor(i / 250) % 250, "
        "math.floor(i / 62500) % 250)\n"
        "  return wrk.format(nil)\n"
        "end\n"
    )
    return script


def wrk(url: str, seconds: int = 8, connections: int = 16, script: Path | None = None, timeout: int = 10,
        user_agent: str | None = None) -> LoadResult:
    """Run wrk against ``url`` and parse its latency distribution."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout}s", "--latency", url]
    if user_agent:
        command[1:1] = ["-H", f"User-Agent: {user_agent}"]
    if script is not None:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    percentile = {m.group(1): _ms(m.group(2), m.group(3))
                  for m in re.finditer(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return LoadResult(rps, percentile.get("50", 0.0), percentile.get("99", 0.0), total, errors)


@dataclass
class Sample:
    started: float  # seconds since the load began
    status: int  # 0 when the connection itself failed
    latency: float  # seconds
    error_page: bool  # the body is the site's own error page


def python_load(base: str, paths: list[str], clients: int, seconds: float,
                during: list[tuple[float, callable]] | None = None, marker: str = "") -> list[Sample]:
    """A bounded load generator: ``clients`` threads loop over ``paths`` for ``seconds``.

    ``during`` lists (second, action) pairs run once the load is under way (e.g. restart the
    database). Every request is recorded, so that failures can be located in time.
    """
    samples: list[Sample] = []
    lock = threading.Lock()
    origin = time.monotonic()
    stop = origin + seconds

    def client(offset: int) -> None:
        index = offset
        while time.monotonic() < stop:
            path = paths[index % len(paths)]
            index += 1
            began = time.monotonic()
            status, body = 0, ""
            try:
                with urllib.request.urlopen(base + path, timeout=15) as response:  # noqa: S310 — loopback only
                    status = response.status
                    response.read()
            except urllib.error.HTTPError as error:
                status = error.code
                body = error.read().decode(errors="replace")
            except OSError:
                status = 0
            ended = time.monotonic()
            with lock:
                samples.append(Sample(began - origin, status, ended - began, bool(marker) and marker in body))

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for at, action in sorted(during or [], key=lambda pair: pair[0]):
        time.sleep(max(0.0, origin + at - time.monotonic()))
        action()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    return sorted(samples, key=lambda s: s.started)


# --- Databases ------------------------------------------------------------------------------------

LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/ida_bench"


def postgres_reachable(url: str = LOCAL_POSTGRES) -> bool:
    try:
        from urllib.parse import urlparse

        import psycopg

        parsed = urlparse(url)
        with psycopg.connect(host=parsed.hostname, port=parsed.port or 5432, user=parsed.username,
                             dbname="postgres", connect_timeout=3):
            return True
    except Exception:
        return False
