"""The room models' content types move from `veranstaltungen` to `raeume`.

A content type row is what permissions, the roles' (groups') permissions and the audit
trail (`AuditEntry.content_type`) point at. Renaming its app label keeps every one of those
rows as it is, under the same ids; no second content type or permission is made for the
same model. Reversible: backwards the rows get their old label again.
"""

from django.db import migrations

MODELLE = [
    "raum",
    "raumfoto",
    "buchungszeit",
    "sperrzeit",
    "nutzungsvereinbarung",
    "serie",
    "buchung",
    "belegung",
    "uebergabe",
    "schadensfoto",
    "kalenderzugang",
]


def _umziehen(apps, schema_editor, *, von: str, nach: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("quartier", "AuditEntry")
    db = schema_editor.connection.alias
    for model in MODELLE:
        alt = ContentType.objects.using(db).filter(app_label=von, model=model).first()
        if alt is None:
            continue  # a fresh database: post_migrate makes the content type under `nach`
        # Made by a post_migrate run between the two migrations (`migrate raeume 0001`):
        # the old row keeps the history, so the new one's audit entries join it.
        doppelt = ContentType.objects.using(db).filter(app_label=nach, model=model).first()
        if doppelt is not None:
            AuditEntry.objects.using(db).filter(content_type=doppelt).update(content_type=alt)
            doppelt.delete()
        alt.app_label = nach
        alt.save(update_fields=["app_label"])


def vorwaerts(apps, schema_editor):
    _umziehen(apps, schema_editor, von="veranstaltungen", nach="raeume")


def zurueck(apps, schema_editor):
    _umziehen(apps, schema_editor, von="raeume", nach="veranstaltungen")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("quartier", "0003_outgoingmail_quartier"),
        ("raeume", "0001_initial"),
    ]

    operations = [migrations.RunPython(vorwaerts, zurueck)]
