"""Admin panels of the schools app."""

from __future__ import annotations

from django.template.loader import render_to_string
from wagtail.admin.panels import HelpPanel


class KitDownloadsPanel(HelpPanel):
    """Shows editors how often a kit's ZIP was downloaded (totals only, nothing personal)."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            from schools.models import KitDownloadCount

            stats = KitDownloadCount.summary_for(self.instance.pk) if self.instance.pk else None
            self.content = render_to_string("schools/admin/kit_downloads_panel.html", {"stats": stats})
