import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from quartier.exports import _safe
from quartier.images import process_image


def jpeg_with_gps(size=(1200, 800), orientation=6) -> SimpleUploadedFile:
    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[0x0112] = orientation  # rotate 90° when shown
    exif[0x010F] = "Kamera GmbH"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return SimpleUploadedFile("IMG_1234.JPG", out.getvalue(), content_type="image/jpeg")


def test_metadata_is_removed_and_orientation_applied():
    processed = process_image(jpeg_with_gps())
    with Image.open(processed) as image:
        assert image.format == "JPEG"
        assert image.size == (800, 1200)  # rotated upright
        assert not image.getexif()
        assert "exif" not in image.info
    assert processed.name == "IMG_1234.jpg"


def test_large_images_are_scaled_down():
    processed = process_image(jpeg_with_gps(size=(4000, 3000), orientation=1), max_side=1600)
    with Image.open(processed) as image:
        assert max(image.size) == 1600


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4 not an image", "kein Bild"),
        (b"GIF89a" + b"\x00" * 100, "kein Bild"),
    ],
)
def test_non_images_are_refused_in_german(content, message):
    with pytest.raises(ValidationError) as error:
        process_image(SimpleUploadedFile("x.jpg", content))
    assert message in str(error.value.messages[0]) or "JPEG" in str(error.value.messages[0])


def test_gif_is_not_allowed():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    with pytest.raises(ValidationError) as error:
        process_image(SimpleUploadedFile("x.gif", out.getvalue()))
    assert error.value.code == "format"


def test_size_and_pixel_limits():
    big = jpeg_with_gps(orientation=1)
    with pytest.raises(ValidationError) as error:
        process_image(big, max_bytes=100)
    assert error.value.code == "too_large"
    with pytest.raises(ValidationError) as error:
        process_image(jpeg_with_gps(orientation=1), max_pixels=100_000)
    assert error.value.code == "too_many_pixels"


def test_spreadsheet_formulas_are_neutralised():
    assert _safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _safe("Hallo") == "Hallo"
    assert _safe(None) == ""
