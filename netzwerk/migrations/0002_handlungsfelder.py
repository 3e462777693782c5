"""The fields of action of the programme Sozialer Zusammenhalt, as a starting list."""

from django.db import migrations
from django.utils.text import slugify

HANDLUNGSFELDER = [
    "Wohnen und Wohnumfeld",
    "Bildung und Ausbildung",
    "Integration und Zusammenleben",
    "Gesundheit und Sport",
    "Lokale Ökonomie und Beschäftigung",
    "Umwelt, Grün und Verkehr",
    "Kultur und Freizeit",
    "Nachbarschaft und Beteiligung",
    "Kinder, Jugend und Familie",
    "Ältere Menschen",
    "Sicherheit und Sauberkeit",
    "Image und Öffentlichkeitsarbeit",
]


def forwards(apps, schema_editor):
    Handlungsfeld = apps.get_model("netzwerk", "Handlungsfeld")
    for index, name in enumerate(HANDLUNGSFELDER):
        Handlungsfeld.objects.get_or_create(
            slug=slugify(name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")),
            defaults={"name": name, "reihenfolge": index},
        )


class Migration(migrations.Migration):
    dependencies = [("netzwerk", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
