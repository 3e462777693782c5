"""Uploaded images, made safe: only JPEG, PNG and WebP; size and pixel limits; orientation
applied; re-encoded from the bare pixels so that no metadata survives; resized.

What is stored is a new file written from the decoded pixels, never the upload: no EXIF (GPS,
camera serial numbers), no XMP, no JPEG comment (COM), no PNG text chunk (tEXt, zTXt, iTXt),
no ICC profile, nothing appended behind the image data (polyglots). An embedded colour
profile is applied to the pixels (converted to sRGB) and then left out: an untagged image is
sRGB on the web, so colours stay right and no profile text (its description, copyright, a
name) can travel along.

Anything the decoder cannot read, however it fails (truncated, corrupt, a decompression bomb,
an unknown mode), is the field's German message, never an error page.

Use `SafeImageField` in forms (its cleaned value is the processed file, ready to save in an
ImageField/FileField), or `process_image` directly. Every model ImageField must be reached
only through them; `tests/quartier/test_upload_fields.py` walks the models and the forms.
"""

import io
import math
import struct
from contextlib import contextmanager
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

# Pillow's format name -> the extension we store. MPO is the JPEG variant many phone cameras
# write (a JPEG with a second, depth or preview picture); it is read and stored as JPEG.
ALLOWED_FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp"}
# The plugin that decodes it, and the format it is stored in.
CODEC = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000

# Everything Pillow's decoders are known to raise on hostile input. A decompression bomb is a
# warning up to twice Pillow's limit (an error under pytest) and an error beyond.
DECODE_ERRORS = (
    UnidentifiedImageError,
    OSError,  # "image file is truncated", "broken data stream", decoder errors
    SyntaxError,  # malformed headers in several plugins
    ValueError,  # impossible sizes, unsupported modes, oversized chunks
    TypeError,
    KeyError,
    IndexError,
    EOFError,
    ZeroDivisionError,
    struct.error,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
    ImageCms.PyCMSError,
)

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def not_an_image() -> ValidationError:
    return ValidationError(
        _("This file is not an image we can read. Please use a JPEG, PNG or WebP photo."),
        code="not_an_image",
    )


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
    fmt, width, height = _identify(upload)
    if fmt not in ALLOWED_FORMATS:
        raise ValidationError(_("Only JPEG, PNG and WebP images are allowed."), code="format")
    if width * height > max_pixels:
        raise ValidationError(
            _("The image has too many pixels (%(mp)s megapixels, at most %(max)s)."),
            code="too_many_pixels",
            params={"mp": f"{width * height / 1e6:.0f}", "max": max_pixels // 1_000_000},
        )
    try:
        content = _reencode(upload, fmt, max_side=max_side)
    except DECODE_ERRORS:
        raise not_an_image() from None
    stem = Path(getattr(upload, "name", "bild") or "bild").stem[:60] or "bild"
    ext = ALLOWED_FORMATS[fmt]
    return SimpleUploadedFile(
        f"{stem}.{ext}", content, content_type=f"image/{ext.replace('jpg', 'jpeg')}"
    )


def _identify(upload) -> tuple[str | None, int, int]:
    """The format and size from the header, without decoding the pixels."""
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            return probe.format, *probe.size
    except DECODE_ERRORS:
        raise not_an_image() from None


@contextmanager
def _truncated_images_refused():
    """WeasyPrint, once imported, tells Pillow to fill truncated images up with grey
    (`ImageFile.LOAD_TRUNCATED_IMAGES = True`, for the whole process): an upload must still
    be refused when it is cut off."""
    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def _reencode(upload, fmt: str, *, max_side: int) -> bytes:
    with _truncated_images_refused():
        return _decode_and_encode(upload, fmt, max_side=max_side)


def _decode_and_encode(upload, fmt: str, *, max_side: int) -> bytes:
    upload.seek(0)
    # Only the allowed decoders may read the file: never another plugin that would
    # claim it (EPS, for one, would start Ghostscript).
    codec = CODEC[fmt]
    with Image.open(upload, formats=[codec]) as image:
        if codec == "JPEG":
            # The JPEG decoder can scale by 1/2, 1/4 or 1/8 while decoding (DCT scaling): a
            # 12-megapixel phone photo is decoded at 2000 x 1500 instead of being decoded in
            # full and then resized, several times faster. The box is square, so the
            # orientation applied below does not change which scale fits.
            image.draft(image.mode, _fitting(image.size, max_side))
        image.load()  # decode all of it now: a truncated or corrupt file fails here
        icc = image.info.get("icc_profile")
        # Reduce first, then turn: the camera's orientation is applied to the small picture.
        image.thumbnail((max_side, max_side))
        image = ImageOps.exif_transpose(image)  # the camera's orientation, applied to pixels
        pixels = _bare_pixels(image, icc, alpha=codec != "JPEG" and _has_alpha(image))
    out = io.BytesIO()
    # Encoder settings chosen for the time a resident waits: PNG's `optimize` (zlib level 9
    # plus filter search) took over 2 s of CPU for a 2000-pixel photo saved as PNG, for a
    # few per cent; zlib level 3 takes a sixth of that for about the same size (measured on
    # screenshots and photos of 2000 x 1333). JPEG's `optimize` (a second pass for Huffman
    # tables) costs little on the already reduced picture and is kept.
    if codec == "PNG":
        pixels.save(out, "PNG", compress_level=3)
    elif codec == "WEBP":
        pixels.save(out, "WEBP", quality=85)
    else:
        pixels.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def _fitting(size: tuple[int, int], max_side: int) -> tuple[int, int]:
    """The size `size` shrinks to so that its longer side is at most `max_side`."""
    width, height = size
    factor = min(1.0, max_side / max(width, height, 1))
    return max(1, math.ceil(width * factor)), max(1, math.ceil(height * factor))


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )


def _bare_pixels(image: Image.Image, icc: bytes | None, *, alpha: bool) -> Image.Image:
    """A new image with nothing but the pixels, in sRGB, as RGB or RGBA.

    Pillow's encoders copy some of `image.info` into the new file (the JPEG comment, the
    PNG's ICC profile), so the pixels are moved into an image that has no `info` at all."""
    mode = "RGBA" if alpha else "RGB"
    if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        image = image.convert(mode)
    if icc:
        try:
            converted = ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB, outputMode=mode
            )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            converted = None  # a broken profile: the pixels as they are
        if converted is not None:
            image = converted
    if image.mode != mode:
        image = image.convert(mode)
    return Image.frombytes(mode, image.size, image.tobytes())


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
