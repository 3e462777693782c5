"""Feed tokens are no longer made when a partner opens the booking list (a write on a GET)
but with an organisation's first booking: give every organisation that has bookings and no
token yet one now. Existing tokens (subscribed feed URLs) stay as they are."""

import secrets

from django.db import migrations


def tokens_anlegen(apps, schema_editor):
    Akteur = apps.get_model("netzwerk", "Akteur")
    Kalenderzugang = apps.get_model("veranstaltungen", "Kalenderzugang")
    ohne = Akteur.objects.filter(buchungen__isnull=False, kalenderzugang__isnull=True).distinct()
    Kalenderzugang.objects.bulk_create(
        [Kalenderzugang(akteur=a, token=secrets.token_urlsafe(32)) for a in ohne.only("pk")]
    )


class Migration(migrations.Migration):
    dependencies = [("veranstaltungen", "0002_veranstaltungen")]

    operations = [migrations.RunPython(tokens_anlegen, migrations.RunPython.noop)]
