"""Cost of counting a page view: the upsert alone, and a full page request with and without counting.

Figures: mean time per call in microseconds (µs) over N calls on the benchmark database.
"""

from __future__ import annotations

import statistics
import time

N_UPSERTS = 500
N_REQUESTS = 150
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"


def _timed(callable_, repeat: int) -> float:
    """Mean seconds per call."""
    started = time.perf_counter()
    for _ in range(repeat):
        callable_()
    return (time.perf_counter() - started) / repeat


def run() -> list[tuple[str, str]]:
    from django.test import Client
    from django.utils import timezone
    from wagtail.models import Page, Site

    from audience.counter import record_page_view
    from audience.models import PageViewCount
    from website.models import HomePage, StandardPage

    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title="Accueil banc d’essai", slug="accueil-bench"))
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "port": 80,
                                                                      "root_page": home, "site_name": "Bench"})
    page = home.get_children().filter(slug="bench-audience").first()
    if page is None:
        page = home.add_child(instance=StandardPage(title="Banc d’essai", slug="bench-audience",
                                                    body=[("paragraph", "<p>Mesure.</p>")]))
        page.save_revision().publish()

    # Steady state: the (page, day, channel) row exists, every call is one UPDATE-on-conflict.
    record_page_view(page.pk, "direct")
    upsert = _timed(lambda: record_page_view(page.pk, "direct"), N_UPSERTS)
    new_rows = iter(range(10**6))
    first_of_day = _timed(lambda: record_page_view(page.pk, "direct",
                                                   day=timezone.localdate() - timezone.timedelta(days=next(new_rows) + 1)),
                          50)

    client = Client(HTTP_USER_AGENT=FIREFOX)
    robot = Client(HTTP_USER_AGENT="Googlebot/2.1")
    url = page.url
    client.get(url)
    robot.get(url)
    # Each counted request comes from another visitor: one visitor is counted 10 times an hour at most.
    visitors = (f"10.{n % 250}.{n // 250 % 250}.1" for n in range(10**6))
    counted_samples, uncounted_samples = [], []
    for _ in range(5):  # interleaved rounds, so that drift affects both sides alike
        counted_samples.append(_timed(lambda: client.get(url, REMOTE_ADDR=next(visitors)), N_REQUESTS // 5))
        uncounted_samples.append(_timed(lambda: robot.get(url), N_REQUESTS // 5))
    counted, uncounted = statistics.median(counted_samples), statistics.median(uncounted_samples)
    today_rows = PageViewCount.objects.filter(page=page, channel="direct", day=timezone.localdate())
    rows, total = today_rows.count(), today_rows.get().views
    return [
        ("upsert, existing row (µs/vue)", f"{upsert * 1e6:.0f}"),
        ("upsert, first view of a day (µs/vue)", f"{first_of_day * 1e6:.0f}"),
        ("page request, counted (µs)", f"{counted * 1e6:.0f}"),
        ("page request, robot not counted (µs)", f"{uncounted * 1e6:.0f}"),
        ("overhead of counting per view (µs)", f"{(counted - uncounted) * 1e6:.0f}"),
        ("rows for (page, today, direct) after all views", str(rows)),
        ("views counted today (check)", str(total)),
    ]
