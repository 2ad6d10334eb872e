from django.db import migrations, models

KIND_CHOICES = [
    ("territories", "Territoires (COG INSEE)"), ("rome", "Métiers ROME"),
    ("rome-riasec", "Codes RIASEC des métiers ROME"),
    ("rome-appellations", "Appellations des métiers ROME (intitulés d'emploi)"),
    ("fap", "Familles professionnelles FAP 2009"), ("fap-rome", "Correspondance FAP ↔ ROME"),
    ("naf", "Activités NAF rév. 2"), ("tension", "Tensions sur le marché du travail (Dares)"),
    ("bmo", "Besoins en main-d'œuvre (France Travail)"), ("employment", "Emploi salarié par activité"),
    ("occupation-stats", "Portrait statistique des métiers (Dares)"), ("io-table", "Tableau entrées-sorties symétrique"),
    ("io-insee-a38", "Tableau entrées-sorties INSEE A38"),
]


class Migration(migrations.Migration):
    dependencies = [("observatory", "0009_import_job")]

    operations = [
        migrations.CreateModel(
            name="RomeAppellation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code_ogr", models.PositiveIntegerField(unique=True, verbose_name="identifiant OGR")),
                ("label", models.CharField(help_text="Les deux genres, comme France Travail l'écrit.", max_length=250,
                                           verbose_name="intitulé")),
                ("masculine", models.CharField(max_length=250, verbose_name="intitulé au masculin")),
                ("feminine", models.CharField(max_length=250, verbose_name="intitulé au féminin")),
                ("rome_code", models.CharField(db_index=True, max_length=5, verbose_name="code ROME v3")),
                ("rome4_code", models.CharField(blank=True, max_length=5, verbose_name="code ROME 4.0")),
                ("principal", models.BooleanField(default=False, verbose_name="appellation principale")),
                ("search_key", models.CharField(db_index=True, help_text="Les deux genres, sans accents ni majuscules.",
                                                max_length=500, verbose_name="clé de recherche")),
            ],
            options={"verbose_name": "appellation ROME", "verbose_name_plural": "appellations ROME",
                     "ordering": ["rome_code", "-principal", "label"]},
        ),
        migrations.AlterField(model_name="dataset", name="kind",
                              field=models.CharField(choices=KIND_CHOICES, max_length=20, verbose_name="type")),
        migrations.AlterField(model_name="importjob", name="kind",
                              field=models.CharField(choices=KIND_CHOICES, max_length=20, verbose_name="type")),
    ]
