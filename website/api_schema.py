"""drf-spectacular hooks: the published OpenAPI description covers the open-data API only."""

from __future__ import annotations

PUBLIC_API_PREFIX = "/api/v1/"


def only_public_api(endpoints: list[tuple], **kwargs) -> list[tuple]:
    """Drop Wagtail's internal admin API from the schema (it is not an open-data endpoint)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PUBLIC_API_PREFIX)]
