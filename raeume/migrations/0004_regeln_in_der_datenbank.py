"""Rules that only the form held are constraints now: a deposit paid or withheld has an
amount. Every constraint says in German what is wrong (no change in the database but the
new constraint)."""

import datetime
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('netzwerk', '0004_protokoll_privat_mitglied_einmal'),
        ('quartier', '0003_outgoingmail_quartier'),
        ('raeume', '0003_namen'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='uebergabe',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kaution__in', ['hinterlegt', 'einbehalten']), _negated=True), ('kaution_betrag__isnull', False), _connector='OR'), name='uebergabe_kaution_mit_betrag', violation_error_message='Please enter the amount of the deposit.'),
        ),
        migrations.AlterConstraint(
            model_name='belegung',
            name='belegung_einmal_je_raum',
            constraint=models.UniqueConstraint(fields=('buchung', 'raum'), name='belegung_einmal_je_raum', violation_error_message='A booking occupies each room once.'),
        ),
        migrations.AlterConstraint(
            model_name='buchung',
            name='buchung_ende',
            constraint=models.CheckConstraint(condition=models.Q(('ende__gt', models.F('beginn'))), name='buchung_ende', violation_error_message='The end must be after the start.'),
        ),
        migrations.AlterConstraint(
            model_name='buchung',
            name='buchung_akteur_oder_name',
            constraint=models.CheckConstraint(condition=models.Q(('akteur__isnull', False), models.Q(('name', ''), _negated=True), _connector='OR'), name='buchung_akteur_oder_name', violation_error_message='Please name the actor or the person booking.'),
        ),
        migrations.AlterConstraint(
            model_name='buchung',
            name='buchung_personen_positiv',
            constraint=models.CheckConstraint(condition=models.Q(('personen__gt', 0)), name='buchung_personen_positiv', violation_error_message='At least one person is expected.'),
        ),
        migrations.AlterConstraint(
            model_name='buchung',
            name='buchung_grund_bei_absage',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status__in', ['abgelehnt', 'storniert']), _negated=True), models.Q(('grund', ''), _negated=True), _connector='OR'), name='buchung_grund_bei_absage', violation_error_message='Please give a reason.'),
        ),
        migrations.AlterConstraint(
            model_name='buchungszeit',
            name='buchungszeit_von_bis',
            constraint=models.CheckConstraint(condition=models.Q(('bis__gt', models.F('von'))), name='buchungszeit_von_bis', violation_error_message='The end must be after the start.'),
        ),
        migrations.AlterConstraint(
            model_name='buchungszeit',
            name='buchungszeit_wochentag',
            constraint=models.CheckConstraint(condition=models.Q(('wochentag__gte', 0), ('wochentag__lte', 6)), name='buchungszeit_wochentag', violation_error_message='Please choose a weekday.'),
        ),
        migrations.AlterConstraint(
            model_name='nutzungsvereinbarung',
            name='nutzungsvereinbarung_version_unique',
            constraint=models.UniqueConstraint(fields=('quartier', 'version'), name='nutzungsvereinbarung_version_unique', violation_error_message='This version of the terms of use exists already.'),
        ),
        migrations.AlterConstraint(
            model_name='raum',
            name='raum_kapazitaet_positiv',
            constraint=models.CheckConstraint(condition=models.Q(('kapazitaet__gt', 0)), name='raum_kapazitaet_positiv', violation_error_message='A room holds at least one person.'),
        ),
        migrations.AlterConstraint(
            model_name='raum',
            name='raum_puffer_nicht_negativ',
            constraint=models.CheckConstraint(condition=models.Q(('nachbereitung__gte', datetime.timedelta(0)), ('vorbereitung__gte', datetime.timedelta(0))), name='raum_puffer_nicht_negativ', violation_error_message='Set-up and clean-up buffers cannot be negative.'),
        ),
        migrations.AlterConstraint(
            model_name='raum',
            name='raum_dauer_max_positiv',
            constraint=models.CheckConstraint(condition=models.Q(('dauer_max__gt', datetime.timedelta(0))), name='raum_dauer_max_positiv', violation_error_message='The maximum length must be longer than zero.'),
        ),
        migrations.AlterConstraint(
            model_name='raumfoto',
            name='raumfoto_alt_text_pflicht',
            constraint=models.CheckConstraint(condition=models.Q(('alt', ''), _negated=True), name='raumfoto_alt_text_pflicht', violation_error_message='Please describe the photo for people who cannot see it.'),
        ),
        migrations.AlterConstraint(
            model_name='sperrzeit',
            name='sperrzeit_von_bis',
            constraint=models.CheckConstraint(condition=models.Q(('bis__gte', models.F('von'))), name='sperrzeit_von_bis', violation_error_message='The closure must end on or after its first day.'),
        ),
        migrations.AlterConstraint(
            model_name='uebergabe',
            name='uebergabe_kaution_nicht_negativ',
            constraint=models.CheckConstraint(condition=models.Q(('kaution_betrag__isnull', True), ('kaution_betrag__gte', 0), _connector='OR'), name='uebergabe_kaution_nicht_negativ', violation_error_message='The deposit cannot be negative.'),
        ),
    ]
