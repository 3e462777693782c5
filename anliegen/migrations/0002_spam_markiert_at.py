"""Spam is deleted 30 days after it was marked, not 30 days after it arrived (else marking
an old concern as spam deleted it the next night)."""

from django.db import migrations, models
from django.db.models import F


def forwards(apps, schema_editor):
    Anliegen = apps.get_model("anliegen", "Anliegen")
    Anliegen.objects.filter(spam=True).update(spam_markiert_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [("anliegen", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="anliegen",
            name="spam_markiert_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="marked as spam"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
