"""Job-title search on PostgreSQL: full-text and trigram indexes on ``RomeAppellation.search_key``.

On PostgreSQL the title search (``careers.title_search``) asks the database: a full-text query
with prefix matching (``to_tsvector('simple', search_key) @@ 'sou:*'``) for the words as typed,
then trigram word similarity (``search_key %> 'regleuze'``, extension ``pg_trgm``) for one typo.
Both need an index to answer in milliseconds over the 13,120 ROME 4.0 titles. ``search_key`` is
already lower case and without accents, so the ``simple`` configuration (no stemming, no stop
words) is the right one: « chef » and « cheffe » stay two words, as the visitor typed them.

``pg_trgm`` is a trusted extension (PostgreSQL 13 and later): the database's owner may create it
without being superuser. Nothing happens on SQLite, which searches in memory.
"""

from django.db import migrations

FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS observatory_appellation_fts ON observatory_romeappellation "
    "USING gin (to_tsvector('simple'::regconfig, search_key))",
    "CREATE INDEX IF NOT EXISTS observatory_appellation_trgm ON observatory_romeappellation "
    "USING gin (search_key gin_trgm_ops)",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS observatory_appellation_trgm",
    "DROP INDEX IF EXISTS observatory_appellation_fts",
]


def _run(statements: list[str]):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("observatory", "0016_zones_emploi_communes_unemployment")]

    operations = [migrations.RunPython(_run(FORWARDS), _run(BACKWARDS), elidable=False)]
