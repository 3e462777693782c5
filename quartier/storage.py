"""Private file storage: files that must never be reachable under MEDIA_URL.

Files live under ``settings.PRIVATE_MEDIA_ROOT`` (default: ``private`` beside MEDIA_ROOT)
and have no public URL; views that check who may see a file stream it (e.g. residents'
photos of concerns).
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible


@deconstructible(path="quartier.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Read the location on every access, so tests (and settings overrides) can move it."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        configured = getattr(settings, "PRIVATE_MEDIA_ROOT", "")
        if configured:
            return str(configured)
        return str(Path(settings.MEDIA_ROOT).parent / "private")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


private_storage = PrivateStorage()


def private_file_response(
    fieldfile,
    *,
    filename: str = "",
    content_type: str | None = None,
    cache_control: str = "private, no-store",
) -> FileResponse:
    """Stream a stored file to someone the calling view has already checked; 404 when the
    field is empty or the file is gone (a deleted photo must not answer 500)."""
    if not fieldfile:
        raise Http404
    try:
        datei = fieldfile.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(datei, content_type=content_type, filename=filename)
    response["Cache-Control"] = cache_control
    return response
