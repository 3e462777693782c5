"""Status mails only on the resident's explicit choice (a POST on the tracking page).

Opening the tracking link used to subscribe the resident, but mail systems' link scanners
open every link. `link_geoeffnet_at` becomes `bestaetigt_at` (the resident acted on the
page); `benachrichtigen` is now off until the resident asks for status mails. Concerns whose
link was opened keep their subscription; the others had none and keep none.
"""

from django.db import migrations, models


def nur_nach_oeffnen(apps, schema_editor):
    Anliegen = apps.get_model("anliegen", "Anliegen")
    Anliegen.objects.filter(bestaetigt_at__isnull=True).update(benachrichtigen=False)


def wie_vorher(apps, schema_editor):
    # Before, the flag was on unless the resident unsubscribed; mails waited for the link.
    Anliegen = apps.get_model("anliegen", "Anliegen")
    Anliegen.objects.filter(bestaetigt_at__isnull=True).update(benachrichtigen=True)


class Migration(migrations.Migration):
    dependencies = [
        ("anliegen", "0002_spam_markiert_at"),
    ]

    operations = [
        migrations.RenameField(
            model_name="anliegen", old_name="link_geoeffnet_at", new_name="bestaetigt_at"
        ),
        migrations.AlterField(
            model_name="anliegen",
            name="bestaetigt_at",
            field=models.DateTimeField(
                blank=True,
                help_text=(
                    "When the resident first acted on the tracking page (e.g. asked for status "
                    "mails). Merely opening the link confirms nothing: mail systems open links "
                    "by themselves."
                ),
                null=True,
                verbose_name="confirmed by the resident",
            ),
        ),
        migrations.AlterField(
            model_name="anliegen",
            name="benachrichtigen",
            field=models.BooleanField(
                default=False,
                help_text="On while the resident wants status mails (chosen on the tracking page).",
                verbose_name="status mails",
            ),
        ),
        migrations.RunPython(nur_nach_oeffnen, wie_vorher),
    ]
