"""The placeholder for where a concern is becomes {adresse} (`ort` is the town of a postal
address only, docs/glossar.md); stored answer templates are rewritten."""

from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Replace


def ersetzen(alt: str, neu: str):
    def run(apps, schema_editor):
        Textbaustein = apps.get_model("anliegen", "Textbaustein")
        Textbaustein.objects.filter(text__contains=alt).update(
            text=Replace("text", Value(alt), Value(neu))
        )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("anliegen", "0003_statusmails_ausdruecklich"),
    ]

    operations = [
        migrations.AlterField(
            model_name="textbaustein",
            name="text",
            field=models.TextField(
                help_text="Placeholders: {nummer}, {kategorie}, {datum}, {status}, {adresse}.",
                verbose_name="text",
            ),
        ),
        migrations.RunPython(ersetzen("{ort}", "{adresse}"), ersetzen("{adresse}", "{ort}")),
    ]
