"""Time (and optionally profile) the residents' slow answers of issue 10, item 16, in-process.

    DATABASE_URL=postgres:///quartier python -m bench.profile_anliegen [--profile] [-n 5]

Runs against the development database filled by `manage.py demo`, through Django's test
client (no server, no network), inside a transaction that is rolled back at the end, so
nothing stays behind. Prints the median milliseconds per request (wall clock, and the CPU
time of this process, which a loaded machine inflates less) for: sending a
concern without a photo, with a 12-megapixel phone photo, and the case number + PIN
look-up. With --profile, each request is profiled once (cProfile, top 25 by cumulative time).
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=5, help="requests per kind")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from django.test import Client, TestCase
    from django.test.utils import override_settings, setup_test_environment
    from PIL import Image

    from quartier.forms import form_timestamp

    setup_test_environment()  # the test client's response.context

    def foto() -> bytes:
        """A phone camera's picture: 4000 x 3000 pixels, detailed enough to weigh ~4.5 MB."""
        shapes = Image.effect_mandelbrot((4000, 3000), (-2.2, -1.3, 1.0, 1.3), 100)
        noise = Image.effect_noise((4000, 3000), 24)
        image = Image.blend(shapes.convert("RGB"), noise.convert("RGB"), 0.35)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=92)
        return out.getvalue()

    foto_bytes = foto()

    def formular(client, **extra):
        form = client.get("/anliegen/neu/").context["form"]
        data = {
            "zeit": form_timestamp(),
            "formular_token": form.initial["formular_token"],
            "art": "mangel",
            "kategorie": form.fields["kategorie"].queryset.first().pk,
            "beschreibung": "Die Straßenlaterne vor Nummer 12 ist seit Tagen dunkel.",
            "strasse": "Brunnenstraße",
            "hausnummer": "12",
            "email": "anwohnerin@example.org",  # the confirmation mail is part of it
            "website": "",
        }
        data.update(extra)
        return data

    def senden(client, mit_foto: bool, follow: bool = False):
        """The POST; with `follow`, what a browser without JavaScript waits for: the POST,
        its redirect and the receipt page."""
        extra = {}
        if mit_foto:
            extra["foto_1"] = SimpleUploadedFile("handy.jpg", foto_bytes, "image/jpeg")
        data = formular(client, **extra)

        def request():
            # What runs after commit (the mail task is queued) belongs to the request.
            with TestCase.captureOnCommitCallbacks(execute=True):
                return client.post("/anliegen/neu/", data, follow=follow)

        return request

    def pin_pruefen(client, nummer, pin):
        return lambda: client.post("/anliegen/pin/", {"nummer": nummer, "pin": pin})

    def messen(name, make_request):
        zeiten, cpu = [], []
        for i in range(args.n + 1):
            request = make_request()
            start, start_cpu = time.perf_counter(), time.process_time()
            if args.profile and i == 1:
                profiler = cProfile.Profile()
                response = profiler.runcall(request)
            else:
                response = request()
            ms = (time.perf_counter() - start) * 1000
            cpu_ms = (time.process_time() - start_cpu) * 1000
            if getattr(response, "redirect_chain", None) and i == 1:
                print(f"  ({name}: {response.redirect_chain} -> {response.status_code})")
            if response.status_code not in (200, 302):
                raise SystemExit(f"{name}: HTTP {response.status_code}")
            if i:  # the first one warms caches and imports
                zeiten.append(ms)
                cpu.append(cpu_ms)
            if args.profile and i == 1:
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
                print(f"--- profile: {name}\n{out.getvalue()}")
        print(
            f"{name:<28} median {statistics.median(zeiten):7.1f} ms wall, "
            f"{statistics.median(cpu):7.1f} ms CPU of this process (n={len(zeiten)})"
        )

    with override_settings(
        ANLIEGEN_MINDESTZEIT=0, ANLIEGEN_LIMIT_PRO_STUNDE=10_000, ANLIEGEN_PIN_LIMIT=10_000
    ):
        with transaction.atomic():
            client = Client()
            messen("concern, no photo", lambda: senden(client, mit_foto=False))
            messen("concern, 12 MP photo", lambda: senden(client, mit_foto=True))
            messen(
                "no JS: POST+redirect+receipt",
                lambda: senden(client, mit_foto=False, follow=True),
            )
            messen(
                "no JS, with photo, + receipt",
                lambda: senden(client, mit_foto=True, follow=True),
            )
            # The receipt shows the PIN once; take it from the last concern's session.
            quittung = client.session["anliegen_quittung"]
            messen(
                "case number + PIN look-up",
                lambda: pin_pruefen(client, quittung["nummer"], quittung["pin"]),
            )
            transaction.set_rollback(True)


if __name__ == "__main__":
    main()
