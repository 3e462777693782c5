"""Rooms get several photos (`Raumfoto`, with a required alternative text); the single
photo of each room moves into the new model as its first photo, described by the room's
name until staff write a better alternative text."""

import django.db.models.deletion
from django.db import migrations, models


def fotos_uebernehmen(apps, schema_editor):
    Raum = apps.get_model("veranstaltungen", "Raum")
    Raumfoto = apps.get_model("veranstaltungen", "Raumfoto")
    Raumfoto.objects.bulk_create(
        [
            Raumfoto(raum=raum, bild=raum.foto.name, alt=raum.name, reihenfolge=0)
            for raum in Raum.objects.exclude(foto="").only("pk", "name", "foto")
        ]
    )


def fotos_zurueck(apps, schema_editor):
    Raum = apps.get_model("veranstaltungen", "Raum")
    Raumfoto = apps.get_model("veranstaltungen", "Raumfoto")
    for foto in Raumfoto.objects.order_by("raum_id", "reihenfolge", "pk").distinct("raum_id"):
        Raum.objects.filter(pk=foto.raum_id).update(foto=foto.bild.name)


class Migration(migrations.Migration):

    dependencies = [
        ('veranstaltungen', '0003_kalenderzugang_mit_buchung'),
    ]

    operations = [
        migrations.CreateModel(
            name='Raumfoto',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('bild', models.ImageField(upload_to='raeume/', verbose_name='photo')),
                ('alt', models.CharField(help_text='What the photo shows, for people who cannot see it, e.g. “Hall with round tables and a stage”.', max_length=250, verbose_name='alternative text')),
                ('reihenfolge', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('raum', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='fotos', to='veranstaltungen.raum', verbose_name='room')),
            ],
            options={
                'verbose_name': 'room photo',
                'verbose_name_plural': 'room photos',
                'ordering': ['reihenfolge', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('alt', ''), _negated=True), name='raumfoto_alt_text_pflicht')],
            },
        ),
        migrations.RunPython(fotos_uebernehmen, fotos_zurueck),
        migrations.RemoveField(
            model_name='raum',
            name='foto',
        ),
    ]
