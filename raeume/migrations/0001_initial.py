"""Rooms and bookings become their own app: the models that lived in `veranstaltungen`
are taken over as they are, in Django's state only. Their tables (created by
veranstaltungen 0001–0005) keep their names through `db_table`, so no row moves and
nothing is recreated; `veranstaltungen` 0006 lets go of them in its state."""

import datetime
import django.contrib.postgres.constraints
import django.contrib.postgres.fields.ranges
import django.db.models.deletion
import django.utils.timezone
import quartier.storage
import raeume.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('veranstaltungen', '0005_merge_0003_sicherheit_0004_raumfotos'),
        ('netzwerk', '0004_protokoll_privat_mitglied_einmal'),
        ('quartier', '0003_outgoingmail_quartier'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The tables stay as they are (their names are kept by `db_table`); only Django's
        # picture of which app owns the models changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Serie',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('regel', models.CharField(choices=[('woechentlich', 'weekly'), ('zweiwoechentlich', 'every other week'), ('monatlich', 'monthly on the same weekday (e.g. 2nd Tuesday)')], max_length=20, verbose_name='repeats')),
                        ('rrule', models.CharField(max_length=200, verbose_name='RFC 5545 rule')),
                        ('bis', models.DateField(verbose_name='until')),
                        ('erinnert_am', models.DateTimeField(blank=True, null=True, verbose_name='reminded of its end')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                    ],
                    options={
                        'verbose_name': 'series',
                        'verbose_name_plural': 'series',
                        'db_table': 'veranstaltungen_serie',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Kalenderzugang',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token', models.CharField(max_length=64, unique=True, verbose_name='token')),
                        ('akteur', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='kalenderzugang', to='netzwerk.akteur', verbose_name='actor')),
                    ],
                    options={
                        'verbose_name': 'calendar access',
                        'verbose_name_plural': 'calendar accesses',
                        'db_table': 'veranstaltungen_kalenderzugang',
                    },
                ),
                migrations.CreateModel(
                    name='Nutzungsvereinbarung',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveSmallIntegerField(verbose_name='version')),
                        ('text', models.TextField(verbose_name='text')),
                        ('gueltig_ab', models.DateTimeField(default=django.utils.timezone.now, verbose_name='valid from')),
                        ('quartier', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='nutzungsvereinbarungen', to='quartier.quartier', verbose_name='area')),
                    ],
                    options={
                        'verbose_name': 'terms of use',
                        'verbose_name_plural': 'terms of use',
                        'db_table': 'veranstaltungen_nutzungsvereinbarung',
                        'ordering': ['quartier', '-version'],
                    },
                ),
                migrations.CreateModel(
                    name='Raum',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('slug', models.SlugField(max_length=120, unique=True, verbose_name='short name')),
                        ('beschreibung', models.TextField(blank=True, verbose_name='description')),
                        ('ort', models.CharField(blank=True, max_length=200, verbose_name='address')),
                        ('kapazitaet', models.PositiveSmallIntegerField(verbose_name='capacity (people)')),
                        ('flaeche', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='size (m²)')),
                        ('ausstattung', models.JSONField(blank=True, default=dict, help_text='Equipment and quantity, e.g. {"beamer": 1, "stuehle": 40}.', verbose_name='equipment')),
                        ('stufenlos', models.BooleanField(default=False, verbose_name='step-free access')),
                        ('barrierefreies_wc', models.BooleanField(default=False, verbose_name='accessible toilet')),
                        ('hoeranlage', models.BooleanField(default=False, verbose_name='hearing loop')),
                        ('hausordnung', models.TextField(blank=True, verbose_name='house rules')),
                        ('vorbereitung', models.DurationField(default=datetime.timedelta(0), help_text='Kept free before each booking.', verbose_name='set-up buffer')),
                        ('nachbereitung', models.DurationField(default=datetime.timedelta(0), help_text='Kept free after each booking.', verbose_name='clean-up buffer')),
                        ('vorlauf_min', models.DurationField(default=datetime.timedelta(days=2), help_text='E.g. 2 days, 00:00:00.', verbose_name='minimum notice')),
                        ('vorlauf_max', models.DurationField(default=datetime.timedelta(days=365), verbose_name='maximum notice')),
                        ('dauer_max', models.DurationField(default=datetime.timedelta(seconds=43200), verbose_name='maximum length')),
                        ('automatisch_bestaetigen', models.BooleanField(default=False, help_text='Requests for this room are confirmed without review.', verbose_name='confirm automatically')),
                        ('aktiv', models.BooleanField(default=True, verbose_name='bookable')),
                        ('reihenfolge', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                        ('nur_mit', models.ForeignKey(blank=True, help_text='E.g. the community kitchen can only be booked together with the hall.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='zusatzraeume', to='raeume.raum', verbose_name='bookable only together with')),
                        ('quartier', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='raeume', to='quartier.quartier', verbose_name='area')),
                        ('vertraute_akteure', models.ManyToManyField(blank=True, help_text='Requests of these organisations are confirmed without review.', related_name='vertraute_raeume', to='netzwerk.akteur', verbose_name='confirmed automatically for')),
                    ],
                    options={
                        'verbose_name': 'room',
                        'verbose_name_plural': 'rooms',
                        'db_table': 'veranstaltungen_raum',
                        'ordering': ['quartier', 'reihenfolge', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='Buchungszeit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('wochentag', models.PositiveSmallIntegerField(choices=[(0, 'Monday'), (1, 'Tuesday'), (2, 'Wednesday'), (3, 'Thursday'), (4, 'Friday'), (5, 'Saturday'), (6, 'Sunday')], verbose_name='weekday')),
                        ('von', models.TimeField(verbose_name='from')),
                        ('bis', models.TimeField(verbose_name='until')),
                        ('raum', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='buchungszeiten', to='raeume.raum', verbose_name='room')),
                    ],
                    options={
                        'verbose_name': 'bookable hours',
                        'verbose_name_plural': 'bookable hours',
                        'db_table': 'veranstaltungen_buchungszeit',
                        'ordering': ['raum', 'wochentag', 'von'],
                    },
                ),
                migrations.CreateModel(
                    name='Buchung',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(blank=True, help_text='For residents booking by phone.', max_length=150, verbose_name='name')),
                        ('telefon', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('beginn', models.DateTimeField(verbose_name='start')),
                        ('ende', models.DateTimeField(verbose_name='end')),
                        ('zweck', models.CharField(max_length=200, verbose_name='purpose')),
                        ('art', models.CharField(choices=[('arbeitskreis', 'Working group'), ('gremium', 'Committee'), ('veranstaltung', 'Event'), ('privat', 'Private')], max_length=20, verbose_name='kind of use')),
                        ('personen', models.PositiveSmallIntegerField(verbose_name='expected people')),
                        ('ausstattung', models.JSONField(blank=True, default=list, verbose_name='equipment wanted')),
                        ('status', models.CharField(choices=[('angefragt', 'requested'), ('bestaetigt', 'confirmed'), ('abgelehnt', 'declined'), ('storniert', 'cancelled')], default='angefragt', max_length=20, verbose_name='status')),
                        ('grund', models.TextField(blank=True, verbose_name='reason (declined/cancelled)')),
                        ('akzeptiert_am', models.DateTimeField(blank=True, null=True, verbose_name='terms accepted at')),
                        ('uid', models.CharField(editable=False, max_length=80, unique=True, verbose_name='calendar UID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='changed')),
                        ('akteur', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='buchungen', to='netzwerk.akteur', verbose_name='organisation')),
                        ('gebucht_von', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='booked by')),
                        ('nutzungsvereinbarung', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='raeume.nutzungsvereinbarung', verbose_name='terms of use accepted')),
                        ('raum', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='buchungen', to='raeume.raum', verbose_name='room')),
                        ('zusatzraeume', models.ManyToManyField(blank=True, help_text='Rooms bookable only together with this one, e.g. the kitchen.', related_name='zusatzbuchungen', to='raeume.raum', verbose_name='together with')),
                        ('serie', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='buchungen', to='raeume.serie', verbose_name='series')),
                    ],
                    options={
                        'verbose_name': 'booking',
                        'verbose_name_plural': 'bookings',
                        'db_table': 'veranstaltungen_buchung',
                        'ordering': ['beginn'],
                    },
                ),
                migrations.CreateModel(
                    name='Belegung',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('zeitraum', django.contrib.postgres.fields.ranges.DateTimeRangeField(verbose_name='occupied (with buffers)')),
                        ('aktiv', models.BooleanField(default=True, verbose_name='active')),
                        ('buchung', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='belegungen', to='raeume.buchung', verbose_name='booking')),
                        ('raum', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='belegungen', to='raeume.raum', verbose_name='room')),
                    ],
                    options={
                        'verbose_name': 'occupancy',
                        'verbose_name_plural': 'occupancies',
                        'db_table': 'veranstaltungen_belegung',
                    },
                ),
                migrations.CreateModel(
                    name='Raumfoto',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('bild', models.ImageField(upload_to='raeume/', verbose_name='photo')),
                        ('alt', models.CharField(help_text='What the photo shows, for people who cannot see it, e.g. “Hall with round tables and a stage”.', max_length=250, verbose_name='alternative text')),
                        ('reihenfolge', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                        ('raum', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='fotos', to='raeume.raum', verbose_name='room')),
                    ],
                    options={
                        'verbose_name': 'room photo',
                        'verbose_name_plural': 'room photos',
                        'db_table': 'veranstaltungen_raumfoto',
                        'ordering': ['reihenfolge', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Sperrzeit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('von', models.DateField(verbose_name='from')),
                        ('bis', models.DateField(verbose_name='until (inclusive)')),
                        ('grund', models.CharField(max_length=200, verbose_name='reason')),
                        ('quartier', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sperrzeiten', to='quartier.quartier', verbose_name='area')),
                        ('raum', models.ForeignKey(blank=True, help_text='Empty: all rooms of the area are closed.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='sperrzeiten', to='raeume.raum', verbose_name='room')),
                    ],
                    options={
                        'verbose_name': 'closure',
                        'verbose_name_plural': 'closures',
                        'db_table': 'veranstaltungen_sperrzeit',
                        'ordering': ['von'],
                    },
                ),
                migrations.CreateModel(
                    name='Uebergabe',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('schluessel_ausgegeben', models.DateTimeField(blank=True, null=True, verbose_name='key handed out')),
                        ('schluessel_zurueck', models.DateTimeField(blank=True, null=True, verbose_name='key returned')),
                        ('checkliste', models.JSONField(blank=True, default=dict, verbose_name='checklist')),
                        ('schaeden', models.TextField(blank=True, verbose_name='damage notes')),
                        ('kaution', models.CharField(choices=[('keine', 'no deposit'), ('offen', 'deposit due'), ('hinterlegt', 'deposit paid'), ('zurueck', 'deposit returned'), ('einbehalten', 'deposit withheld')], default='keine', max_length=20, verbose_name='deposit')),
                        ('kaution_betrag', models.DecimalField(blank=True, decimal_places=2, max_digits=7, null=True, verbose_name='deposit (EUR)')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='changed')),
                        ('buchung', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='uebergabe', to='raeume.buchung', verbose_name='booking')),
                    ],
                    options={
                        'verbose_name': 'handover',
                        'verbose_name_plural': 'handovers',
                        'db_table': 'veranstaltungen_uebergabe',
                        'permissions': [('kaution_entscheiden', 'Can decide deposits')],
                    },
                ),
                migrations.CreateModel(
                    name='Schadensfoto',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('bild', models.ImageField(storage=quartier.storage.PrivateStorage(), upload_to=raeume.models.schadensfoto_pfad, verbose_name='photo')),
                        ('beschreibung', models.CharField(blank=True, max_length=200, verbose_name='description')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('uebergabe', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='fotos', to='raeume.uebergabe', verbose_name='handover')),
                    ],
                    options={
                        'verbose_name': 'damage photo',
                        'verbose_name_plural': 'damage photos',
                        'db_table': 'veranstaltungen_schadensfoto',
                    },
                ),
                migrations.AddConstraint(
                    model_name='nutzungsvereinbarung',
                    constraint=models.UniqueConstraint(fields=('quartier', 'version'), name='nutzungsvereinbarung_version_unique'),
                ),
                migrations.AddConstraint(
                    model_name='raum',
                    constraint=models.CheckConstraint(condition=models.Q(('kapazitaet__gt', 0)), name='raum_kapazitaet_positiv'),
                ),
                migrations.AddConstraint(
                    model_name='raum',
                    constraint=models.CheckConstraint(condition=models.Q(('nachbereitung__gte', datetime.timedelta(0)), ('vorbereitung__gte', datetime.timedelta(0))), name='raum_puffer_nicht_negativ'),
                ),
                migrations.AddConstraint(
                    model_name='raum',
                    constraint=models.CheckConstraint(condition=models.Q(('dauer_max__gt', datetime.timedelta(0))), name='raum_dauer_max_positiv'),
                ),
                migrations.AddConstraint(
                    model_name='buchungszeit',
                    constraint=models.CheckConstraint(condition=models.Q(('bis__gt', models.F('von'))), name='buchungszeit_von_bis'),
                ),
                migrations.AddConstraint(
                    model_name='buchungszeit',
                    constraint=models.CheckConstraint(condition=models.Q(('wochentag__gte', 0), ('wochentag__lte', 6)), name='buchungszeit_wochentag'),
                ),
                migrations.AddConstraint(
                    model_name='belegung',
                    constraint=django.contrib.postgres.constraints.ExclusionConstraint(condition=models.Q(('aktiv', True)), expressions=[('raum', '='), ('zeitraum', '&&')], name='belegung_keine_ueberschneidung', violation_error_message='This room is already booked at that time.'),
                ),
                migrations.AddConstraint(
                    model_name='belegung',
                    constraint=models.UniqueConstraint(fields=('buchung', 'raum'), name='belegung_einmal_je_raum'),
                ),
                migrations.AddConstraint(
                    model_name='raumfoto',
                    constraint=models.CheckConstraint(condition=models.Q(('alt', ''), _negated=True), name='raumfoto_alt_text_pflicht'),
                ),
                migrations.AddIndex(
                    model_name='buchung',
                    index=models.Index(fields=['raum', 'beginn'], name='buchung_raum_beginn_idx'),
                ),
                migrations.AddConstraint(
                    model_name='buchung',
                    constraint=models.CheckConstraint(condition=models.Q(('ende__gt', models.F('beginn'))), name='buchung_ende'),
                ),
                migrations.AddConstraint(
                    model_name='buchung',
                    constraint=models.CheckConstraint(condition=models.Q(('akteur__isnull', False), models.Q(('name', ''), _negated=True), _connector='OR'), name='buchung_akteur_oder_name'),
                ),
                migrations.AddConstraint(
                    model_name='buchung',
                    constraint=models.CheckConstraint(condition=models.Q(('personen__gt', 0)), name='buchung_personen_positiv'),
                ),
                migrations.AddConstraint(
                    model_name='buchung',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('status__in', ['abgelehnt', 'storniert']), _negated=True), models.Q(('grund', ''), _negated=True), _connector='OR'), name='buchung_grund_bei_absage'),
                ),
                migrations.AddConstraint(
                    model_name='sperrzeit',
                    constraint=models.CheckConstraint(condition=models.Q(('bis__gte', models.F('von'))), name='sperrzeit_von_bis'),
                ),
                migrations.AddConstraint(
                    model_name='uebergabe',
                    constraint=models.CheckConstraint(condition=models.Q(('kaution_betrag__isnull', True), ('kaution_betrag__gte', 0), _connector='OR'), name='uebergabe_kaution_nicht_negativ'),
                ),
            ],
            database_operations=[],
        ),
    ]
