"""One name per concept (docs/glossar.md): `stufenlos` is the yes/no feature,
`barrierefreiheit_hinweis` the free text beside it, timestamps end in `_at`. Columns are
renamed; every value stays."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("veranstaltungen", "0006_raeume_eigene_app")]

    operations = [
        migrations.RenameField("veranstaltung", "barrierefrei", "stufenlos"),
        migrations.RenameField("veranstaltung", "barrierefreiheit", "barrierefreiheit_hinweis"),
        migrations.RenameField("anmeldung", "erinnert_am", "erinnert_at"),
        migrations.AlterField(
            model_name="veranstaltung",
            name="barrierefreiheit_hinweis",
            field=models.CharField(blank=True, max_length=300, verbose_name="note on accessibility"),
        ),
        migrations.AlterField(
            model_name="veranstaltung",
            name="stufenlos",
            field=models.BooleanField(default=False, verbose_name="step-free access"),
        ),
    ]
