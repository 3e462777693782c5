"""Rules that only the form held are constraints now: an event has a room or an address.
Every constraint says in German what is wrong (no change in the database but the new
constraint)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('netzwerk', '0004_protokoll_privat_mitglied_einmal'),
        ('quartier', '0003_outgoingmail_quartier'),
        ('raeume', '0004_regeln_in_der_datenbank'),
        ('veranstaltungen', '0007_namen'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='veranstaltung',
            constraint=models.CheckConstraint(condition=models.Q(('raum__isnull', False), models.Q(('adresse', ''), _negated=True), _connector='OR'), name='veranstaltung_raum_oder_adresse', violation_error_message='Please choose a room or enter an address.'),
        ),
        migrations.AlterConstraint(
            model_name='anmeldung',
            name='anmeldung_personen',
            constraint=models.CheckConstraint(condition=models.Q(('personen__gte', 1)), name='anmeldung_personen', violation_error_message='Please register at least one person.'),
        ),
        migrations.AlterConstraint(
            model_name='veranstaltung',
            name='veranstaltung_ende',
            constraint=models.CheckConstraint(condition=models.Q(('ende__gt', models.F('beginn'))), name='veranstaltung_ende', violation_error_message='The end must be after the start.'),
        ),
        migrations.AlterConstraint(
            model_name='veranstaltung',
            name='veranstaltung_absage_mit_notiz',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'abgesagt'), _negated=True), models.Q(('absage_notiz', ''), _negated=True), _connector='OR'), name='veranstaltung_absage_mit_notiz', violation_error_message='Please give a note why the event is cancelled.'),
        ),
        migrations.AlterConstraint(
            model_name='veranstaltung',
            name='veranstaltung_anmeldung_mit_plaetzen',
            constraint=models.CheckConstraint(condition=models.Q(('anmeldung', False), ('kapazitaet__gt', 0), _connector='OR'), name='veranstaltung_anmeldung_mit_plaetzen', violation_error_message='An event with registration needs a number of places.'),
        ),
        migrations.AlterConstraint(
            model_name='veranstaltung',
            name='veranstaltung_kosten',
            constraint=models.CheckConstraint(condition=models.Q(('kosten__gte', 0)), name='veranstaltung_kosten', violation_error_message='The cost cannot be negative.'),
        ),
    ]
