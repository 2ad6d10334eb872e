"""The project's base for snippet listings: safe CSV exports and a search that cannot fail.

- Wagtail quotes formulas in its XLSX exports but writes CSV cells as they are (see
  ``website.csv_safety``).
- The admin search of a listing runs on the database (``icontains`` over the viewset's
  ``search_fields``): with the search index, every field listed there had to be declared again on
  the model in the right kind (``SearchField``/``AutocompleteField``), and a mismatch was a 500 for
  an editor typing in the search box. These tables hold tens or hundreds of rows.

Every snippet viewset of the project inherits :class:`SafeExportSnippetViewSet` instead of
Wagtail's ``SnippetViewSet``.
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
    search_backend_name = None
