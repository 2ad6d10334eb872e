"""Input–output tables keep employment per concept (``{"total": […], "salaried": […]}``).

Tables imported before kept one vector, always salaried employment (the UN layout's ``EMP-WS``
row or the ``Wage_and_salary_earners`` line): it becomes the ``salaried`` concept.
"""

from django.db import migrations, models


def employment_by_concept(apps, schema_editor):
    InputOutputTable = apps.get_model("observatory", "InputOutputTable")
    for table in InputOutputTable.objects.all():
        if isinstance(table.employment, list):
            table.employment = {"salaried": table.employment}
        elif table.employment is None:
            table.employment = {}
        else:
            continue
        table.save(update_fields=["employment"])


def single_vector(apps, schema_editor):
    InputOutputTable = apps.get_model("observatory", "InputOutputTable")
    for table in InputOutputTable.objects.all():
        if isinstance(table.employment, dict):
            table.employment = table.employment.get("salaried") or table.employment.get("total")
            table.save(update_fields=["employment"])


class Migration(migrations.Migration):

    dependencies = [
        ("observatory", "0018_dataset_series"),
    ]

    operations = [
        migrations.RunPython(employment_by_concept, single_vector),
        migrations.AlterField(
            model_name="inputoutputtable",
            name="employment",
            field=models.JSONField(
                null=True, blank=True, default=dict,
                help_text="Emplois par branche pour chaque concept que porte le tableau : « total » (emploi total) "
                          "et « salaried » (emploi salarié).",
                verbose_name="emploi e, par concept d’emploi"),
        ),
    ]
