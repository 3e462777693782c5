"""`ort` means the town of a postal address only (Akteur, Quartier); where an offer or a
meeting takes place is its `adresse`, as for rooms and events (docs/glossar.md)."""

from django.db import migrations, models

import netzwerk.fields


class Migration(migrations.Migration):
    dependencies = [
        ("netzwerk", "0005_angebot_wochentag_montag_0"),
    ]

    operations = [
        migrations.RenameField(model_name="angebot", old_name="ort", new_name="adresse"),
        migrations.AlterField(
            model_name="angebot",
            name="adresse",
            field=models.CharField(
                blank=True,
                help_text="Where it takes place, when not at the actor's own address.",
                max_length=200,
                validators=[netzwerk.fields.kein_html],
                verbose_name="address",
            ),
        ),
        migrations.RenameField(model_name="sitzung", old_name="ort", new_name="adresse"),
        migrations.AlterField(
            model_name="sitzung",
            name="adresse",
            field=models.CharField(max_length=200, verbose_name="address"),
        ),
    ]
