"""Site-wide views that are not pages: robots.txt and the error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /recherche/?",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors, no database: the error may come from either.
    from django.template import loader

    if request.path.startswith("/api/"):
        # The open-data API answers JSON even when the database is down: a client parses every answer.
        from django.http import JsonResponse

        return JsonResponse({"detail": "Erreur du serveur : réessayez dans quelques minutes."}, status=500,
                            headers={"Cache-Control": "no-store"}, json_dumps_params={"ensure_ascii": False})
    return HttpResponse(loader.get_template("500.html").render(), status=500)
