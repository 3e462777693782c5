"""Rooms and bookings moved to the app `raeume` (its 0001 takes the models over in the
state): the events point at `raeume`'s models, and this app's state forgets the room
models. The database is untouched; the tables keep their names."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('raeume', '0001_initial'),
        ('veranstaltungen', '0005_merge_0003_sicherheit_0004_raumfotos'),
    ]

    operations = [
        # The tables stay as they are (their names are kept by `db_table`); only Django's
        # picture of which app owns the models changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='buchung',
                    name='akteur',
                ),
                migrations.RemoveField(
                    model_name='buchung',
                    name='gebucht_von',
                ),
                migrations.RemoveField(
                    model_name='buchung',
                    name='nutzungsvereinbarung',
                ),
                migrations.RemoveField(
                    model_name='buchung',
                    name='raum',
                ),
                migrations.RemoveField(
                    model_name='buchung',
                    name='serie',
                ),
                migrations.RemoveField(
                    model_name='buchung',
                    name='zusatzraeume',
                ),
                migrations.RemoveField(
                    model_name='uebergabe',
                    name='buchung',
                ),
                migrations.AlterField(
                    model_name='veranstaltung',
                    name='buchung',
                    field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='veranstaltung', to='raeume.buchung', verbose_name='room booking'),
                ),
                migrations.RemoveField(
                    model_name='buchungszeit',
                    name='raum',
                ),
                migrations.RemoveField(
                    model_name='kalenderzugang',
                    name='akteur',
                ),
                migrations.RemoveField(
                    model_name='nutzungsvereinbarung',
                    name='quartier',
                ),
                migrations.RemoveField(
                    model_name='raum',
                    name='nur_mit',
                ),
                migrations.RemoveField(
                    model_name='raum',
                    name='quartier',
                ),
                migrations.RemoveField(
                    model_name='raum',
                    name='vertraute_akteure',
                ),
                migrations.RemoveField(
                    model_name='raumfoto',
                    name='raum',
                ),
                migrations.AlterField(
                    model_name='veranstaltung',
                    name='raum',
                    field=models.ForeignKey(blank=True, help_text="One of the office's rooms: it is booked with the event.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='veranstaltungen', to='raeume.raum', verbose_name='room'),
                ),
                migrations.RemoveField(
                    model_name='sperrzeit',
                    name='raum',
                ),
                migrations.RemoveField(
                    model_name='schadensfoto',
                    name='uebergabe',
                ),
                migrations.AlterField(
                    model_name='veranstaltung',
                    name='serie',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='veranstaltungen', to='raeume.serie', verbose_name='series'),
                ),
                migrations.RemoveField(
                    model_name='sperrzeit',
                    name='quartier',
                ),
                migrations.DeleteModel(
                    name='Belegung',
                ),
                migrations.DeleteModel(
                    name='Buchung',
                ),
                migrations.DeleteModel(
                    name='Buchungszeit',
                ),
                migrations.DeleteModel(
                    name='Kalenderzugang',
                ),
                migrations.DeleteModel(
                    name='Nutzungsvereinbarung',
                ),
                migrations.DeleteModel(
                    name='Raumfoto',
                ),
                migrations.DeleteModel(
                    name='Raum',
                ),
                migrations.DeleteModel(
                    name='Schadensfoto',
                ),
                migrations.DeleteModel(
                    name='Uebergabe',
                ),
                migrations.DeleteModel(
                    name='Serie',
                ),
                migrations.DeleteModel(
                    name='Sperrzeit',
                ),
            ],
            database_operations=[],
        ),
    ]
