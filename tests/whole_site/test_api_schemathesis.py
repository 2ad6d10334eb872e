"""The open-data API against its own OpenAPI description (schemathesis, in-process on the WSGI app).

For every operation of /api/v1/schema/, schemathesis generates requests from the description —
valid and invalid parameters — and runs all its checks: no server error, every status code and
content type documented, every response valid against its schema, every request the
description allows accepted and every request it forbids refused (the documented 400).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from website.wsgi import application

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture(scope="module")
def keep_database_connection():
    """Called through the raw WSGI handler, Django closes "old" connections at each request's start
    and end — including the one holding the shared demo's transaction on PostgreSQL. Django's own
    test client disconnects that handler during requests; do the same here."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_api_operation_honours_its_openapi_description(case, demo_site, keep_database_connection):
    response = case.call()
    case.validate_response(response)  # every check schemathesis has
    assert response.status_code < 500
