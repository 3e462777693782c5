"""Many concerns fast, for query budgets (bulk_create, no per-row saves)."""

from datetime import timedelta

from django.utils import timezone

from anliegen.models import Anliegen, Status


def viele_anliegen(kategorie, anzahl: int, *, start: int = 10_000, **felder) -> None:
    jetzt = timezone.now()
    status = list(Status)
    Anliegen.objects.bulk_create(
        [
            Anliegen(
                quartier_id=kategorie.quartier_id,
                kategorie=kategorie,
                nummer=f"A-2024-{start + i:05d}",
                token=f"bulk-{start + i}",
                art=Anliegen.Art.MANGEL,
                status=status[i % len(status)],
                antwort="Erledigt." if status[i % len(status)] != Status.EINGEGANGEN else "",
                beschreibung=f"Laterne Nummer {i} ist dunkel.",
                strasse="Brunnenstraße",
                einwilligung_veroeffentlichung=True,
                text_freigegeben=True,
                oeffentlicher_text=f"Laterne Nummer {i} ist dunkel.",
                eingegangen_at=jetzt - timedelta(hours=i),
                erste_antwort_at=jetzt - timedelta(hours=i) + timedelta(days=2),
                frist=(jetzt - timedelta(days=i % 30)).date(),
                **felder,
            )
            for i in range(anzahl)
        ],
        batch_size=2000,
    )
