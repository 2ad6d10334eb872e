"""Create the fixed school levels and event audiences the filters rely on."""

from django.db import migrations

LEVELS = [
    ("cycle-3", "Cycle 3 (CM1, CM2, 6e)"),
    ("cycle-4", "Cycle 4 (5e, 4e, 3e)"),
    ("seconde", "Seconde"),
    ("voie-generale-technologique", "Voie générale et technologique"),
    ("voie-professionnelle", "Voie professionnelle"),
]
AUDIENCES = [
    ("collegiens", "Collégiens"),
    ("lyceens", "Lycéens"),
    ("classes", "Classes accompagnées d'un enseignant"),
    ("enseignants", "Enseignants et Psy-EN"),
    ("parents", "Parents"),
    ("demandeurs-emploi", "Demandeurs d'emploi"),
    ("tout-public", "Tout public"),
]


def seed(apps, schema_editor):
    SchoolLevel = apps.get_model("schools", "SchoolLevel")
    Audience = apps.get_model("schools", "Audience")
    for order, (slug, name) in enumerate(LEVELS):
        SchoolLevel.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for order, (slug, name) in enumerate(AUDIENCES):
        Audience.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("schools", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
