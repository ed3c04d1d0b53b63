"""The full-text search index: a GIN index over the search vector, on PostgreSQL only.

SQLite has no GIN indexes; there the search falls back to matching ``search_text``.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS rec_search_vector_gin "
            "ON recommendations_recommendation USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS rec_search_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
