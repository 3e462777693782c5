"""One name per concept (docs/glossar.md): timestamps end in `_at`, a room's address is
`adresse`, an Akteur is called "actor" in the labels. Columns are renamed; every value
stays; the labels change in Django's state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("netzwerk", "0004_protokoll_privat_mitglied_einmal"),
        ("raeume", "0002_inhaltstypen"),
    ]

    operations = [
        migrations.RenameField("serie", "erinnert_am", "erinnert_at"),
        migrations.RenameField("buchung", "akzeptiert_am", "akzeptiert_at"),
        migrations.RenameField("raum", "ort", "adresse"),
        migrations.AlterField(
            model_name="buchung",
            name="akteur",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="buchungen",
                to="netzwerk.akteur",
                verbose_name="actor",
            ),
        ),
        migrations.AlterField(
            model_name="raum",
            name="vertraute_akteure",
            field=models.ManyToManyField(
                blank=True,
                help_text="Requests of these actors are confirmed without review.",
                related_name="vertraute_raeume",
                to="netzwerk.akteur",
                verbose_name="confirmed automatically for",
            ),
        ),
    ]
