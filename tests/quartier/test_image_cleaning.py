"""Hostile images: whatever a resident or partner uploads, the field answers in German, and
what is stored is nothing but pixels (checked with Pillow and in the raw bytes)."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, ImageFile, PngImagePlugin

from quartier.images import process_image

SECRET = "Wohnung-Nr-42"  # stands for a name, an address, a GPS position …
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    f'22-rdf-syntax-ns#"><rdf:Description dc:creator="{SECRET}"/></rdf:RDF></x:xmpmeta>'
).encode()


def icc_with_description(text: str = SECRET) -> bytes:
    """An sRGB profile whose description tag says `text` (same length as the original)."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    original = "sRGB built-in".encode("utf-16-be")
    assert len(text) == 13 and original in profile
    return profile.replace(original, text.encode("utf-16-be"))


def exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = SECRET  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0)}  # GPS
    return exif


def encoded(fmt: str, size=(64, 48), mode="RGB", **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "orange" if mode in ("RGB", "RGBA", "CMYK") else 128).save(
        out, fmt, **save
    )
    return out.getvalue()


def jpeg_with_everything() -> bytes:
    return encoded(
        "JPEG",
        comment=SECRET.encode(),
        xmp=XMP,
        icc_profile=icc_with_description(),
        exif=exif_with_gps(),
    )


def png_with_everything() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SECRET)  # tEXt
    info.add_text("Author", SECRET, zip=True)  # zTXt
    info.add_itxt("XML:com.adobe.xmp", XMP.decode(), lang="de", tkey=SECRET)  # iTXt
    return encoded(
        "PNG",
        mode="RGBA",
        pnginfo=info,
        icc_profile=icc_with_description(),
        exif=exif_with_gps(),
    )


def webp_with_everything() -> bytes:
    return encoded("WEBP", exif=exif_with_gps(), xmp=XMP, icc_profile=icc_with_description())


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_bomb(width: int, height: int) -> bytes:
    """A tiny file whose header claims an enormous picture (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + png_chunk(b"IEND", b"")
    )


def jpeg_markers(data: bytes) -> list[int]:
    """The markers of the segments before the image data (SOS)."""
    assert data[:2] == b"\xff\xd8"
    markers, pos = [], 2
    while pos < len(data):
        assert data[pos] == 0xFF, "not a marker"
        marker = data[pos + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            return markers
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        pos += 2 + length
    return markers


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        chunks.append(data[pos + 4 : pos + 8])
        pos += 12 + length
    return chunks


def webp_chunks(data: bytes) -> list[bytes]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    chunks, pos = [], 12
    while pos < len(data):
        kind, (length,) = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])
        chunks.append(kind)
        pos += 8 + length + (length & 1)
    return chunks


def assert_bare(stored: bytes) -> None:
    """Nothing but pixels: checked by Pillow and by reading the file's structure."""
    for needle in (
        SECRET.encode(),
        SECRET.encode("utf-16-be"),
        b"Exif",
        b"http://ns.adobe.com/xap",
        b"ICC_PROFILE",
        b"<x:xmpmeta",
        b"<script",
        b"PK\x03\x04",
    ):
        assert needle not in stored, needle
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
        assert not set(image.info) & {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"}
        if image.format == "PNG":
            assert not image.text
        image.load()
        fmt = image.format
    if fmt == "JPEG":
        markers = jpeg_markers(stored)
        assert 0xFE not in markers, "COM segment"
        assert not {0xE1, 0xE2, 0xED} & set(markers), "APP1 (EXIF/XMP), APP2 (ICC), APP13"
    elif fmt == "PNG":
        assert set(png_chunks(stored)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
    else:
        assert fmt == "WEBP"
        assert not {b"EXIF", b"XMP ", b"ICCP"} & set(webp_chunks(stored))


def upload(content: bytes, name="foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        (jpeg_with_everything(), "JPEG"),
        (png_with_everything(), "PNG"),
        (webp_with_everything(), "WEBP"),
    ],
    ids=["jpeg-com-xmp-icc-exif", "png-text-itxt-ztxt-icc-exif", "webp-exif-xmp-icc"],
)
def test_every_kind_of_metadata_is_removed(content, fmt):
    # The hostile file really carries what we claim to remove.
    assert SECRET.encode() in content or SECRET.encode("utf-16-be") in content
    stored = process_image(upload(content)).read()
    assert_bare(stored)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == fmt and image.size == (64, 48)


def test_the_colour_profile_is_applied_not_kept():
    content = jpeg_with_everything()
    with Image.open(io.BytesIO(process_image(upload(content)).read())) as image:
        assert image.mode == "RGB"
        red, green, blue = image.getpixel((10, 10))
        assert red > 240 and 150 < green < 180 and blue < 20  # still orange


def test_a_polyglot_keeps_only_its_pixels():
    payload = b"PK\x03\x04" + b"\x00" * 26 + b"<script>alert(document.cookie)</script>"
    stored = process_image(upload(encoded("JPEG") + payload)).read()
    assert_bare(stored)


def test_a_phone_photo_with_a_second_picture_mpo_is_stored_as_a_bare_jpeg():
    out = io.BytesIO()
    first = Image.new("RGB", (80, 60), "blue")
    first.save(
        out, "MPO", save_all=True, append_images=[Image.new("RGB", (80, 60))], exif=exif_with_gps()
    )
    with Image.open(io.BytesIO(out.getvalue())) as probe:
        assert probe.format == "MPO"
    processed = process_image(upload(out.getvalue()))
    assert processed.name == "foto.jpg"
    assert_bare(processed.read())


@pytest.mark.parametrize(
    ("mode", "fmt", "extra"),
    [
        ("CMYK", "JPEG", {}),
        ("L", "JPEG", {}),
        ("I;16", "PNG", {}),
        ("P", "PNG", {"transparency": 0}),
        ("LA", "PNG", {}),
        ("1", "PNG", {}),
        ("RGBA", "WEBP", {}),
    ],
)
def test_unusual_modes_are_converted(mode, fmt, extra):
    stored = process_image(upload(encoded(fmt, mode=mode, **extra))).read()
    assert_bare(stored)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.mode in ("RGB", "RGBA")


def truncated(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


def zeroed_png_data() -> bytes:
    """The compressed pixel data overwritten (its checksum no longer fits)."""
    data = bytearray(_noise("PNG"))
    start = data.index(b"IDAT") + 4
    data[start : start + 400] = b"\x00" * 400
    return bytes(data)


def broken_deflate_png() -> bytes:
    """Valid chunks (correct CRCs) around a deflate stream that is not one."""
    header = struct.pack(">IIBBBBB", 100, 100, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", b"\x78\x9c" + b"\xff" * 200)
        + png_chunk(b"IEND", b"")
    )


def jpeg_with_broken_exif() -> bytes:
    data = encoded("JPEG", size=(200, 150))
    garbage = b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\xff\xff" + b"\xee" * 40
    segment = b"\xff\xe1" + struct.pack(">H", len(garbage) + 2) + garbage
    return data[:2] + segment + data[2:]


def _noise(fmt: str) -> bytes:
    """Random pixels: the compressed data is long enough to cut in the middle."""
    out = io.BytesIO()
    Image.effect_noise((300, 300), 80).convert("RGB").save(out, fmt)
    return out.getvalue()


HOSTILE = {
    "truncated-jpeg": truncated(_noise("JPEG")),
    "truncated-png": truncated(_noise("PNG")),
    "truncated-webp": truncated(_noise("WEBP")),
    "broken-png-stream": broken_deflate_png(),
    "zeroed-png-idat": zeroed_png_data(),
    "jpeg-header-only": _noise("JPEG")[:300],
    "jpeg-broken-exif": jpeg_with_broken_exif(),
    "bomb-50000x50000": png_bomb(50_000, 50_000),
    "bomb-10000x10000": png_bomb(10_000, 10_000),
    "bomb-wide-50000000x1": png_bomb(50_000_000, 1),
    "png-zero-size": png_bomb(0, 0),
    "empty-after-signature": b"\x89PNG\r\n\x1a\n",
    "jpeg-soi-only": b"\xff\xd8\xff",
    "gif": encoded("GIF", comment=SECRET.encode()),
    "pdf": b"%PDF-1.4 not an image",
    "html": b"<html><script>alert(1)</script></html>",
}


# Pillow only warns about an unreadable EXIF block and reads the picture on; in production
# that warning goes to the log, here warnings are errors.
CORRUPT_EXIF_WARNS = pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning")


@pytest.fixture(params=[False, True], ids=["", "after-weasyprint"])
def pillow_as_weasyprint_leaves_it(request, monkeypatch):
    """WeasyPrint's import sets LOAD_TRUNCATED_IMAGES for the whole process."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", request.param)


@pytest.mark.usefixtures("pillow_as_weasyprint_leaves_it")
@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=[CORRUPT_EXIF_WARNS] if name == "jpeg-broken-exif" else [])
        for name in sorted(HOSTILE)
    ],
)
def test_any_decoding_failure_is_the_german_field_message(name):
    """A 500 on one of these was what the attack found: every failure is a message."""
    try:
        stored = process_image(upload(HOSTILE[name]))
    except ValidationError as error:
        assert error.code in {"not_an_image", "format", "too_many_pixels"}, error.code
        message = " ".join(error.messages)
        assert any(word in message for word in ("Bild", "JPEG", "Pixel")), message
    else:
        # Some damage Pillow can repair (an unreadable EXIF block): then it is clean.
        assert name == "jpeg-broken-exif"
        assert_bare(stored.read())
