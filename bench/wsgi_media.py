"""The benchmark's WSGI entry point: the site as in production, plus uploaded media on /media/.

In production, media files (images, documents) are served by S3 or the reverse proxy, never by
Django. The benchmark has neither, so WhiteNoise stands in for them on /media/ — the pages and
their images then load as a visitor's browser would load them (page weight, Lighthouse).
"""

from __future__ import annotations

from django.conf import settings
from whitenoise import WhiteNoise

from website.wsgi import application as site

application = WhiteNoise(site, autorefresh=True)  # renditions appear while the benchmark runs
application.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL.strip("/") + "/")
