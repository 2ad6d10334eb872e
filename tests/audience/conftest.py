from __future__ import annotations

import pytest

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"


@pytest.fixture
def browser_client(client):
    """A test client that looks like a browser (robots are not counted)."""
    client.defaults["HTTP_USER_AGENT"] = FIREFOX
    return client


@pytest.fixture
def content_page(home_page):
    from tests.website.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_page, title="Devenir soudeur", slug="devenir-soudeur",
                               body=[("paragraph", "<p>Un métier d’avenir.</p>")])
    return page



def count_views_from_threads(page_id: int, channels: list[str], views_each: int) -> list[BaseException]:
    """One thread per channel, started together, each counting ``views_each`` views of the page.

    Returns what the threads raised (nothing, when counting is safe under concurrency).
    """
    import threading

    from django.db import connections

    from audience.counter import record_page_view

    barrier = threading.Barrier(len(channels))
    errors: list[BaseException] = []

    def hammer(channel: str) -> None:
        try:
            barrier.wait()
            for _ in range(views_each):
                assert record_page_view(page_id, channel)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()  # each thread's own database connection

    threads = [threading.Thread(target=hammer, args=(channel,)) for channel in channels]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
