from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from website import views

handler404 = "website.views.page_not_found"
handler500 = "website.views.server_error"
# No Django admin: every editor and role works in Wagtail's admin (/admin/), the only login page.

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # The section apps' own addresses, listed in the settings (the composition root): this base
    # module never names the apps above it.
    *(path("", include(urlconf)) for urlconf in settings.SECTION_URLCONFS),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    # The site's error pages, as production shows them (with DEBUG on, Django shows its own).
    urlpatterns += [
        path("erreurs/404/", views.page_not_found, name="preview_404"),
        path("erreurs/500/", views.server_error, name="preview_500"),
    ]

urlpatterns += [
    # Wagtail serves every other address from the page tree; keep this last.
    path("", include(wagtail_urls)),
]
