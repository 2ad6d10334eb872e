"""The open-data API against its own OpenAPI description (schemathesis, in-process on the WSGI app).

For every operation of /api/v1/schema/, schemathesis generates requests from the description —
valid and invalid parameters — and checks that none gets a server error and that every status
code answered is one the description documents (invalid parameters: the documented 400).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, status_code_conformance

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
    case.validate_response(response, checks=(not_a_server_error, status_code_conformance))
    assert response.status_code < 500
