"""Uploaded images, made safe: only JPEG, PNG and WebP; size and pixel limits; orientation
applied; re-encoded so that no metadata (EXIF, GPS, comments) survives; resized.

Use `SafeImageField` in forms (its cleaned value is the processed file, ready to save in an
ImageField/FileField), or `process_image` directly.
"""

import io
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000


def process_image(
    upload,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    max_side: int = 2000,
) -> SimpleUploadedFile:
    """Validate and re-encode an uploaded image. Raises ValidationError in German."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The image is too large (%(size)s MB). At most %(max)s MB are allowed."),
            code="too_large",
            params={"size": f"{upload.size / 1048576:.1f}", "max": max_bytes // 1048576},
        )
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            fmt = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not an image we can read. Please use a JPEG, PNG or WebP photo."),
            code="not_an_image",
        ) from None
    if fmt not in ALLOWED_FORMATS:
        raise ValidationError(_("Only JPEG, PNG and WebP images are allowed."), code="format")
    if width * height > max_pixels:
        raise ValidationError(
            _("The image has too many pixels (%(mp)s megapixels, at most %(max)s)."),
            code="too_many_pixels",
            params={"mp": f"{width * height / 1e6:.0f}", "max": max_pixels // 1_000_000},
        )
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)  # apply the camera's orientation, then drop it
        image.thumbnail((max_side, max_side))
        out = io.BytesIO()
        if fmt == "PNG":
            if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                image = image.convert("RGBA")
            image.save(out, "PNG", optimize=True)
        elif fmt == "WEBP":
            image.save(out, "WEBP", quality=85)
        else:
            image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    stem = Path(getattr(upload, "name", "bild") or "bild").stem[:60] or "bild"
    return SimpleUploadedFile(
        f"{stem}.{ALLOWED_FORMATS[fmt]}",
        out.getvalue(),
        content_type=f"image/{ALLOWED_FORMATS[fmt].replace('jpg', 'jpeg')}",
    )


class SafeImageField(forms.FileField):
    """A form field whose cleaned value is the processed, metadata-free image."""

    def __init__(
        self,
        *args,
        max_bytes=DEFAULT_MAX_BYTES,
        max_pixels=DEFAULT_MAX_PIXELS,
        max_side=2000,
        **kwargs,
    ):
        self.max_bytes, self.max_pixels, self.max_side = max_bytes, max_pixels, max_side
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value and hasattr(value, "size") and value is not initial:
            return process_image(
                value,
                max_bytes=self.max_bytes,
                max_pixels=self.max_pixels,
                max_side=self.max_side,
            )
        return value
