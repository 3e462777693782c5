"""Create the five roles and the legal pages with sensible German defaults.

The roles' permissions are set by `quartier.roles.sync_roles` after every migrate (the
permissions of later apps do not exist yet when this migration runs).
"""

from django.db import migrations

ROLES = ["Quartiersmanagement", "Mitarbeitende", "Redaktion", "Partner", "Stadtverwaltung"]

IMPRESSUM = """Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG)

[Name des Trägers, Rechtsform]
[Straße und Hausnummer]
[Postleitzahl und Ort]

Vertreten durch: [vertretungsberechtigte Person]
Telefon: [Telefonnummer]
E-Mail: [E-Mail-Adresse]

Registergericht und Registernummer: [falls vorhanden]

Verantwortlich für den Inhalt nach § 18 Abs. 2 Medienstaatsvertrag: [Name, Anschrift]

Das Quartiersmanagement wird gefördert im Städtebauförderungsprogramm „Sozialer Zusammenhalt“ von Bund, Land und Kommune.

Bitte ersetzen Sie die Angaben in eckigen Klammern in der Verwaltung unter „Rechtliche Seiten“."""

DATENSCHUTZ = """Wir verarbeiten personenbezogene Daten nur, soweit es für die Arbeit des Quartiersmanagements nötig ist, und geben sie nicht an Dritte außerhalb dieses Servers weiter. Diese Website lädt keine Inhalte von fremden Servern: keine Schriften, keine Karten, keine Statistikdienste.

Verantwortliche Stelle
[Name und Anschrift des Trägers, Kontakt der oder des Datenschutzbeauftragten]

Anliegen
Wenn Sie ein Anliegen melden, speichern wir Ihre Beschreibung, den Ort, Fotos und – wenn Sie sie angeben – Name, E-Mail-Adresse und Telefonnummer, um Ihr Anliegen zu bearbeiten, an zuständige Stellen weiterzuleiten und Sie zu informieren (Art. 6 Abs. 1 lit. e DSGVO). Veröffentlicht wird ein Anliegen nur, wenn Sie eingewilligt haben (Art. 6 Abs. 1 lit. a DSGVO), und nie mit Ihrem Namen. Ihre Kontaktdaten werden nach Abschluss gelöscht oder anonymisiert.

Anmeldungen zu Veranstaltungen
Name, E-Mail-Adresse und Ihre Angaben zur Anmeldung nutzen wir nur für die Veranstaltung; sie werden nach der Veranstaltung gelöscht, nur die Zahl der Teilnehmenden bleibt für die Berichte.

Partnerkonten
Für Konten von Vereinen und Einrichtungen speichern wir Name, E-Mail-Adresse und die Organisation, um Raumbuchungen und Einträge im Netzwerk zu ermöglichen.

Server-Protokolle und Cookies
Der Server protokolliert Zugriffe zur Sicherheit und löscht diese Protokolle nach spätestens 14 Tagen. Cookies setzen wir nur, soweit technisch nötig (Anmeldung, Schutz von Formularen).

Ihre Rechte
Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, Widerspruch und Datenübertragbarkeit sowie das Recht, eine Einwilligung jederzeit zu widerrufen. Wenden Sie sich dazu an das Stadtteilbüro. Sie können sich außerdem bei der zuständigen Datenschutz-Aufsichtsbehörde beschweren."""

BARRIEREFREIHEIT = """Wir möchten, dass alle Menschen im Quartier diese Website nutzen können. Sie soll den Anforderungen der Web Content Accessibility Guidelines (WCAG) 2.1, Stufe AA, entsprechen.

Stand der Vereinbarkeit
Die Website wird bei jeder Änderung automatisch mit axe-core geprüft und ist mit Tastatur, Bildschirmleser und auf dem Smartphone bedienbar. Sie funktioniert auch ohne JavaScript.

Nicht barrierefreie Inhalte
Ältere PDF-Dokumente (zum Beispiel Protokolle, die als Scan hochgeladen wurden) sind möglicherweise nicht vollständig barrierefrei.

Feedback und Kontakt
Wenn Ihnen Barrieren auffallen, melden Sie sich bitte im Stadtteilbüro – persönlich, telefonisch oder per E-Mail. Wir antworten innerhalb von zwei Wochen.

Durchsetzungsverfahren
Wenn Sie keine zufriedenstellende Antwort erhalten, können Sie sich an die Schlichtungsstelle Ihres Bundeslandes wenden."""


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Seite = apps.get_model("quartier", "Seite")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    for art, titel, inhalt in [
        ("impressum", "Impressum", IMPRESSUM),
        ("datenschutz", "Datenschutzerklärung", DATENSCHUTZ),
        ("barrierefreiheit", "Erklärung zur Barrierefreiheit", BARRIEREFREIHEIT),
    ]:
        Seite.objects.get_or_create(art=art, defaults={"titel": titel, "inhalt": inhalt})


class Migration(migrations.Migration):
    dependencies = [
        ("quartier", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
