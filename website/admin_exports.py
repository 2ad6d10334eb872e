"""The project's base for snippet listings: safe CSV exports and a search that cannot fail.

- Wagtail quotes formulas in its XLSX exports but writes CSV cells as they are (see
  ``website.csv_safety``).
- The admin search of a listing runs on the database (``icontains`` over the viewset's
  ``search_fields``): with the search index, every field listed there had to be declared again on
  the model in the right kind (``SearchField``/``AutocompleteField``), and a mismatch was a 500 for
  an editor typing in the search box. These tables hold tens or hundreds of rows.

Every snippet viewset of the project inherits :class:`SafeExportSnippetViewSet` instead of
Wagtail's ``SnippetViewSet``; tables that only an import writes inherit
:class:`ImportedRowsSnippetViewSet` (listed, inspected and exported, never edited here).
"""

from __future__ import annotations

from wagtail.permission_policies import ModelPermissionPolicy
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


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """The model's own « view » permission, and no one may add, change or delete its rows."""

    WRITE_ACTIONS = frozenset({"add", "change", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.WRITE_ACTIONS and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self.WRITE_ACTIONS]
        return super().users_with_any_permission(allowed) if allowed else super().users_with_any_permission([]).none()


class ImportedRowsSnippetViewSet(SafeExportSnippetViewSet):
    """Rows an importer writes and the next import replaces: an edit made here would be lost, so the
    admin lists them, shows each one (inspect view) and exports them, with no add, edit or delete."""

    inspect_view_enabled = True

    @property
    def permission_policy(self):
        return ViewOnlyPermissionPolicy(self.model)

