"""Rooms moved from `veranstaltungen` into their own app without losing a row.

The database is run back to the old layout (veranstaltungen 0005, no raeume), filled
there through the historical models the way the old demo filled it (rooms with photos,
bookable hours and a closure, terms of use, a series, bookings with a combined room and
their occupancies, a handover with a damage photo, a feed token, an event in a room with a
registration, audit entries, the roles' permissions, a user's own permission), and
migrated forward. Every row is still there under its id, the renamed columns keep their
values, and the content types, permissions and audit entries now belong to `raeume`,
without a second content type or permission for the same model, also after the
post-migrate set-up (content types, permissions, roles) has run again.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.sql import emit_post_migrate_signal
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone

from quartier.models import AuditEntry, User
from quartier.roles import Rolle
from raeume.models import (
    Belegung,
    Buchung,
    Buchungszeit,
    Kalenderzugang,
    Nutzungsvereinbarung,
    Raum,
    Raumfoto,
    Schadensfoto,
    Serie,
    Sperrzeit,
    Uebergabe,
)
from veranstaltungen.models import Anmeldung, Veranstaltung

from ..factories import AkteurFactory, QuartierFactory, UserFactory
from .migrationen import alter_stand, migrieren, neuester_stand

ALTER_STAND = [("veranstaltungen", "0005_merge_0003_sicherheit_0004_raumfotos"), ("raeume", None)]
RAUM_MODELLE = [
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
MODELLE = [
    Raum,
    Raumfoto,
    Buchungszeit,
    Sperrzeit,
    Nutzungsvereinbarung,
    Serie,
    Buchung,
    Belegung,
    Uebergabe,
    Schadensfoto,
    Kalenderzugang,
    Veranstaltung,
    Anmeldung,
]


def _alte_daten(apps) -> dict:
    """The old demo's kinds of rows, written through the old layout's models."""
    m = {name: apps.get_model("veranstaltungen", name) for name in RAUM_MODELLE}
    m |= {name: apps.get_model("veranstaltungen", name) for name in ("veranstaltung", "anmeldung")}
    quartier = QuartierFactory(slug="umzug", name="Umzugsviertel")
    akteur = AkteurFactory(name="Kulturverein Umzug", slug="umzug", quartiere=[quartier])
    nutzer = UserFactory(email="umzug@example.org", is_staff=True)
    jetzt = timezone.now().replace(microsecond=0)

    saal = m["raum"].objects.create(
        quartier_id=quartier.pk,
        name="Saal",
        slug="umzug-saal",
        ort="Brunnenstraße 14",
        kapazitaet=80,
        ausstattung={"stuehle": 80},
        stufenlos=True,
    )
    kueche = m["raum"].objects.create(
        quartier_id=quartier.pk,
        name="Küche",
        slug="umzug-kueche",
        kapazitaet=12,
        nur_mit_id=saal.pk,
        nachbereitung=timedelta(hours=1),
    )
    saal.vertraute_akteure.add(akteur.pk)
    m["raumfoto"].objects.create(raum_id=saal.pk, bild="raeume/saal.jpg", alt="Der Saal")
    m["buchungszeit"].objects.bulk_create(
        [
            m["buchungszeit"](raum_id=saal.pk, wochentag=t, von="08:00", bis="22:00")
            for t in range(7)
        ]
    )
    m["sperrzeit"].objects.create(
        quartier_id=quartier.pk, von=jetzt.date(), bis=jetzt.date(), grund="Weihnachten"
    )
    vereinbarung = m["nutzungsvereinbarung"].objects.create(
        quartier_id=quartier.pk, version=1, text="Sauber zurückgeben.", gueltig_ab=jetzt
    )
    serie = m["serie"].objects.create(
        regel="woechentlich", rrule="FREQ=WEEKLY", bis=jetzt.date(), erinnert_am=jetzt
    )
    buchungen = []
    for i in range(3):
        beginn = jetzt + timedelta(days=7 * (i + 1))
        b = m["buchung"].objects.create(
            raum_id=saal.pk,
            akteur_id=akteur.pk,
            beginn=beginn,
            ende=beginn + timedelta(hours=2),
            zweck="Chorprobe",
            art="arbeitskreis",
            personen=20,
            status="bestaetigt",
            serie_id=serie.pk if i < 2 else None,
            nutzungsvereinbarung_id=vereinbarung.pk,
            akzeptiert_am=jetzt,
            uid=f"buchung-umzug-{i}@quartier",
        )
        raeume = [saal, kueche] if i == 2 else [saal]
        if i == 2:
            b.zusatzraeume.add(kueche.pk)
        for r in raeume:
            m["belegung"].objects.create(
                buchung_id=b.pk,
                raum_id=r.pk,
                zeitraum=DateTimeTZRange(b.beginn, b.ende, "[)"),
            )
        buchungen.append(b)
    uebergabe = m["uebergabe"].objects.create(
        buchung_id=buchungen[0].pk,
        schaeden="Ein Stuhl wackelt.",
        kaution="hinterlegt",
        kaution_betrag=Decimal("50.00"),
        checkliste={"kueche_sauber": True},
    )
    m["schadensfoto"].objects.create(uebergabe_id=uebergabe.pk, bild="uebergaben/x.jpg")
    m["kalenderzugang"].objects.create(akteur_id=akteur.pk, token="umzug-token")
    veranstaltung = m["veranstaltung"].objects.create(
        quartier_id=quartier.pk,
        titel="Konzert",
        art="fest",
        beginn=buchungen[2].beginn,
        ende=buchungen[2].ende,
        raum_id=saal.pk,
        buchung_id=buchungen[2].pk,
        serie_id=serie.pk,
        barrierefrei=True,
        barrierefreiheit="Rampe am Hof",
        anmeldung=True,
        kapazitaet=50,
        uid="veranstaltung-umzug@quartier",
    )
    m["anmeldung"].objects.create(
        veranstaltung_id=veranstaltung.pk,
        name="Lea",
        email="lea@example.org",
        status="angemeldet",
        token="umzug-anmeldung",
        erinnert_am=jetzt,
    )

    typen = apps.get_model("contenttypes", "ContentType").objects
    AlterEintrag = apps.get_model("quartier", "AuditEntry")
    for modell, obj in [("buchung", buchungen[0]), ("serie", serie), ("raum", saal)]:
        AlterEintrag.objects.create(
            content_type=typen.get(app_label="veranstaltungen", model=modell),
            object_id=str(obj.pk),
            object_repr=str(obj.pk),
            action="created",
            quartier_id=quartier.pk,
        )
    AlteBerechtigung = apps.get_model("auth", "Permission")
    eigene = AlteBerechtigung.objects.get(
        content_type__app_label="veranstaltungen", codename="change_buchung"
    )
    apps.get_model("quartier", "User").objects.get(pk=nutzer.pk).user_permissions.add(eigene)
    return {
        "jetzt": jetzt,
        "nutzer": nutzer,
        "saal": saal.pk,
        "kueche": kueche.pk,
        "buchungen": [b.pk for b in buchungen],
        "serie": serie.pk,
        "veranstaltung": veranstaltung.pk,
        "akteur": akteur.pk,
    }


def _stand(apps, app_label: str) -> dict:
    """The ids the migration must keep: rows, content types, permissions, roles."""
    typen = apps.get_model("contenttypes", "ContentType").objects
    berechtigungen = apps.get_model("auth", "Permission").objects
    gruppen = apps.get_model("auth", "Group").objects
    return {
        "typen": dict(
            typen.filter(app_label=app_label, model__in=RAUM_MODELLE).values_list("model", "pk")
        ),
        "berechtigungen": dict(
            berechtigungen.filter(
                content_type__app_label=app_label, content_type__model__in=RAUM_MODELLE
            ).values_list("codename", "pk")
        ),
        "rollen": {g.name: set(g.permissions.values_list("pk", flat=True)) for g in gruppen.all()},
        "eintraege": list(
            apps.get_model("quartier", "AuditEntry")
            .objects.filter(content_type__app_label=app_label, content_type__model__in=RAUM_MODELLE)
            .order_by("pk")
            .values_list("pk", "object_id")
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_moving_the_rooms_into_their_app_keeps_every_row_permission_and_audit_entry():
    with alter_stand(ALTER_STAND) as alte_apps:
        daten = _alte_daten(alte_apps)
        zeilen = {
            name: sorted(
                alte_apps.get_model("veranstaltungen", name).objects.values_list("pk", flat=True)
            )
            for name in [*RAUM_MODELLE, "veranstaltung", "anmeldung"]
        }
        vorher = _stand(alte_apps, "veranstaltungen")
        assert set(vorher["typen"]) == set(RAUM_MODELLE) and len(vorher["eintraege"]) == 3
        # add/change/delete/view of each room model and the deposit decision
        assert len(vorher["berechtigungen"]) == 4 * len(RAUM_MODELLE) + 1
        assert vorher["berechtigungen"]["change_buchung"] in vorher["rollen"]["Mitarbeitende"]

        migrieren(neuester_stand())
        nachher = _stand(global_apps, "raeume")
        assert nachher["typen"] == vorher["typen"]  # the same rows, now of raeume
        assert nachher["berechtigungen"] == vorher["berechtigungen"]
        assert nachher["rollen"] == vorher["rollen"]
        assert nachher["eintraege"] == vorher["eintraege"]
        for modell in MODELLE:
            name = modell._meta.model_name
            assert sorted(modell.objects.values_list("pk", flat=True)) == zeilen[name], name

        saal = Raum.objects.get(pk=daten["saal"])
        assert saal.adresse == "Brunnenstraße 14"
        assert list(saal.vertraute_akteure.values_list("pk", flat=True)) == [daten["akteur"]]
        assert saal.fotos.get().alt == "Der Saal"
        letzte = Buchung.objects.get(pk=daten["buchungen"][2])
        assert [r.pk for r in letzte.zusatzraeume.all()] == [daten["kueche"]]
        assert letzte.akzeptiert_at == daten["jetzt"]
        assert Serie.objects.get(pk=daten["serie"]).erinnert_at == daten["jetzt"]
        assert Uebergabe.objects.get().fotos.get().bild.name == "uebergaben/x.jpg"
        v = Veranstaltung.objects.get(pk=daten["veranstaltung"])
        assert (v.raum_id, v.buchung_id, v.serie_id) == (
            daten["saal"],
            daten["buchungen"][2],
            daten["serie"],
        )
        assert v.stufenlos and v.barrierefreiheit_hinweis == "Rampe am Hof"
        assert v.anmeldungen.get().erinnert_at == daten["jetzt"]
        for eintrag in AuditEntry.objects.filter(pk__in=[pk for pk, _ in vorher["eintraege"]]):
            assert eintrag.content_type.app_label == "raeume" and eintrag.obj is not None
        assert User.objects.get(pk=daten["nutzer"].pk).has_perm("raeume.change_buchung")

        # What `migrate` does afterwards (content types, permissions, roles) adds nothing.
        typen, rechte = ContentType.objects.count(), Permission.objects.count()
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
        assert (ContentType.objects.count(), Permission.objects.count()) == (typen, rechte)
        assert not ContentType.objects.filter(app_label="veranstaltungen", model__in=RAUM_MODELLE)
        mitarbeit = Group.objects.get(name=Rolle.MITARBEITENDE)
        assert mitarbeit.permissions.filter(
            content_type__app_label="raeume", codename="change_buchung"
        ).exists()
