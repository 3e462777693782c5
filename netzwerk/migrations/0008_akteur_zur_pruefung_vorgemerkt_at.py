"""Timestamps end in `_at` (docs/glossar.md): `zu_pruefen_seit` becomes
`zur_pruefung_vorgemerkt_at`, after the method that sets it (`zur_pruefung_vormerken`)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("netzwerk", "0007_gremiummitglied_akteur_einmal_meldung"),
    ]

    operations = [
        migrations.RenameField(
            model_name="akteur", old_name="zu_pruefen_seit", new_name="zur_pruefung_vorgemerkt_at"
        ),
    ]
