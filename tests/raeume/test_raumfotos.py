"""Rooms have several photos: uploaded safely in the admin, alternative text required,
shown in order on the public room page; the former single photo moves into them."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError
from django.urls import reverse
from PIL import Image

from raeume.models import Raumfoto

from ..utils import admin_form_data, client_for
from .migrationen import alter_stand, historische_apps, migrieren

pytestmark = pytest.mark.django_db


def _jpeg(name="saal.jpg"):
    out = io.BytesIO()
    image = Image.new("RGB", (60, 40), "blue")
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"  # metadata that must not be published
    image.save(out, "JPEG", exif=exif)
    out.seek(0)
    out.name = name
    return out


def _post_fotos(client, raum, fotos):
    url = reverse("admin:raeume_raum_change", args=[raum.pk])
    data = admin_form_data(client.get(url))
    data["ausstattung"] = json.dumps(raum.ausstattung)
    data["fotos-TOTAL_FORMS"] = len(fotos)
    for i, (datei, alt, reihenfolge) in enumerate(fotos):
        data[f"fotos-{i}-bild"] = datei
        data[f"fotos-{i}-alt"] = alt
        data[f"fotos-{i}-reihenfolge"] = reihenfolge
    return client.post(url, data)


def test_staff_add_photos_with_alt_text_shown_in_order_on_the_room_page(world):
    saal = world.extra["raeume"]["saal"]
    qm = client_for(world, "qm")
    ohne_alt = _post_fotos(qm, saal, [(_jpeg(), "", 0)])
    assert ohne_alt.status_code == 200 and not saal.fotos.exists()
    kaputt = _post_fotos(qm, saal, [(io.BytesIO(b"kein Bild"), "Saal", 0)])
    assert kaputt.status_code == 200 and not saal.fotos.exists()
    response = _post_fotos(
        qm,
        saal,
        [
            (_jpeg("kueche.jpg"), "Küchenzeile mit Herd und Spüle", 2),
            (_jpeg("saal.jpg"), "Saal mit runden Tischen und Bühne", 1),
        ],
    )
    assert response.status_code == 302
    fotos = list(saal.fotos.all())
    assert [f.alt for f in fotos] == [
        "Saal mit runden Tischen und Bühne",
        "Küchenzeile mit Herd und Spüle",
    ]
    with fotos[0].bild.open("rb") as f:
        assert "Kamerahersteller" not in str(Image.open(f).getexif().values())
    html = client_for(world, "anonym").get(saal.get_absolute_url()).content.decode()
    erste = html.index('alt="Saal mit runden Tischen und Bühne"')
    assert erste < html.index('alt="Küchenzeile mit Herd und Spüle"')


def test_the_database_refuses_a_photo_without_alt_text(world):
    with pytest.raises(IntegrityError):
        Raumfoto.objects.create(
            raum=world.extra["raeume"]["saal"], bild=ContentFile(b"x", name="x.jpg"), alt=""
        )


@pytest.mark.django_db(transaction=True)
def test_migration_moves_the_single_photo_into_the_photos():
    from ..factories import QuartierFactory

    quartier = QuartierFactory(slug="fotos")
    with alter_stand([("veranstaltungen", "0003_kalenderzugang_mit_buchung")]) as alt_apps:
        AlterRaum = alt_apps.get_model("veranstaltungen", "Raum")
        AlterRaum.objects.create(
            quartier_id=quartier.pk,
            name="Saal",
            slug="fotosaal",
            kapazitaet=40,
            foto="raeume/saal.jpg",
        )
        AlterRaum.objects.create(
            quartier_id=quartier.pk, name="Büro", slug="fotobuero", kapazitaet=4
        )
        neue_apps = historische_apps(migrieren([("veranstaltungen", "0004_raumfotos")]))
        NeuesFoto = neue_apps.get_model("veranstaltungen", "Raumfoto")
        fotos = list(NeuesFoto.objects.filter(raum__slug__in=["fotosaal", "fotobuero"]))
        assert [(f.raum.slug, f.bild.name, f.alt) for f in fotos] == [
            ("fotosaal", "raeume/saal.jpg", "Saal")
        ]
        assert (
            neue_apps.get_model("veranstaltungen", "Raum").objects.filter(slug="fotobuero").exists()
        )
