"""Offers use the project's one weekday, `quartier.models.Wochentag` (Monday = 0, as
Python's `date.weekday()`), instead of netzwerk's own enum that counted Monday = 1."""

from django.db import migrations, models
from django.db.models import F, Q


def ab_null(apps, schema_editor):
    Angebot = apps.get_model("netzwerk", "Angebot")
    Angebot.objects.filter(wochentag__isnull=False).update(wochentag=F("wochentag") - 1)


def ab_eins(apps, schema_editor):
    Angebot = apps.get_model("netzwerk", "Angebot")
    Angebot.objects.filter(wochentag__isnull=False).update(wochentag=F("wochentag") + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("netzwerk", "0004_protokoll_privat_mitglied_einmal"),
    ]

    operations = [
        migrations.RunPython(ab_null, ab_eins),
        migrations.AlterField(
            model_name="angebot",
            name="wochentag",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (0, "Monday"),
                    (1, "Tuesday"),
                    (2, "Wednesday"),
                    (3, "Thursday"),
                    (4, "Friday"),
                    (5, "Saturday"),
                    (6, "Sunday"),
                ],
                null=True,
                verbose_name="weekday",
            ),
        ),
        migrations.AddConstraint(
            model_name="angebot",
            constraint=models.CheckConstraint(
                condition=Q(wochentag__isnull=True) | Q(wochentag__gte=0, wochentag__lte=6),
                name="angebot_wochentag",
            ),
        ),
    ]
