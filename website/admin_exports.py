"""Snippet listings whose CSV exports cannot carry a spreadsheet formula (see ``website.csv_safety``).

Wagtail quotes formulas in its XLSX exports but writes CSV cells as they are; every snippet viewset
of the project inherits :class:`SafeExportSnippetViewSet` instead of Wagtail's ``SnippetViewSet``.
"""

from __future__ import annotations

from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from website.csv_safety import neutralise_cell


class SafeCsvIndexView(IndexView):
    def write_csv_row(self, writer, row_dict):
        # Neutralised after Wagtail's own preprocessing, which may turn a value into text.
        return writer.writerow({field: neutralise_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                                for field, value in row_dict.items()})


class SafeExportSnippetViewSet(SnippetViewSet):
    index_view_class = SafeCsvIndexView
