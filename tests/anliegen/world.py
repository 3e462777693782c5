"""Concerns in the shared test world: one public and one private in area A, one in B."""

from .factories import (
    AmtFactory,
    AnliegenFactory,
    FotoFactory,
    KategorieFactory,
    OeffentlichesAnliegenFactory,
    WeiterleitungFactory,
)


def extend(world):
    amt = AmtFactory(name="Tiefbauamt", slug="amt-tiefbau-test", quartiere=[world.quartier_a])
    kategorie = KategorieFactory(
        quartier=world.quartier_a, name="Straßenbeleuchtung", zustaendig=amt
    )
    kategorie_b = KategorieFactory(quartier=world.quartier_b, name="Hafen")
    oeffentlich = OeffentlichesAnliegenFactory(kategorie=kategorie, nummer="A-2020-00001")
    privat = AnliegenFactory(kategorie=kategorie, nummer="A-2020-00002")
    fremd = AnliegenFactory(kategorie=kategorie_b, nummer="A-2020-00003")
    world.extra.update(
        amt=amt,
        kategorie=kategorie,
        anliegen_oeffentlich=oeffentlich,
        anliegen_privat=privat,
        anliegen_fremd=fremd,
        foto_oeffentlich=FotoFactory(anliegen=oeffentlich, freigegeben=True),
        foto_privat=FotoFactory(anliegen=privat),
        weiterleitung=WeiterleitungFactory(anliegen=privat, akteur=amt),
    )
