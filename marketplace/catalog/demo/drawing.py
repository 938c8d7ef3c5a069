"""Placeholder images for the demo content, drawn with Pillow: zellige-like patterns in
the colours of each craft, with the product's name on a panel, and round shop logos."""

import io
import math
import unicodedata
from collections.abc import Sequence
from typing import Any

from PIL import Image, ImageDraw, ImageFont

IMAGE_SIZE = (1200, 900)
LOGO_SIZE = 400
BANNER_SIZE = (1600, 480)
CATEGORY_IMAGE_SIZE = (800, 600)

# (ground, accent, light, dark) per root category: warm colours of each craft.
PALETTES: dict[str, tuple[tuple[int, int, int], ...]] = {
    "rugs": ((168, 54, 44), (232, 186, 96), (246, 236, 218), (74, 28, 24)),
    "pottery-ceramics": ((30, 76, 146), (236, 196, 92), (244, 240, 230), (18, 40, 82)),
    "leather": ((152, 94, 50), (226, 170, 60), (246, 232, 206), (76, 44, 22)),
    "jewellery": ((48, 70, 112), (196, 202, 212), (242, 238, 232), (176, 66, 58)),
    "textiles": ((62, 118, 178), (222, 112, 84), (240, 242, 246), (28, 54, 92)),
    "cosmetics": ((190, 146, 58), (116, 128, 62), (248, 236, 206), (92, 66, 26)),
    "woodwork": ((122, 74, 40), (214, 164, 98), (244, 228, 204), (58, 34, 20)),
    "metalwork": ((64, 54, 44), (204, 162, 72), (240, 226, 196), (150, 82, 50)),
}
DEFAULT_PALETTE = ((150, 90, 60), (230, 180, 90), (245, 235, 220), (60, 40, 30))

_FONTS: dict[int, Any] = {}


def _font(size: int):
    if size not in _FONTS:
        try:
            _FONTS[size] = ImageFont.load_default(size=size)
        except (TypeError, OSError):  # Pillow built without FreeType: the bitmap font
            _FONTS[size] = ImageFont.load_default()
    return _FONTS[size]


def _star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    """An eight-pointed star, the basic shape of zellige."""
    return [
        (
            cx + (outer if i % 2 == 0 else inner) * math.cos(math.pi * i / 8),
            cy + (outer if i % 2 == 0 else inner) * math.sin(math.pi * i / 8),
        )
        for i in range(16)
    ]


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def draw_placeholder(
    title: str,
    palette: Sequence[tuple[int, int, int]],
    *,
    variant: int = 0,
    size: tuple[int, int] | None = None,
    image_format: str = "JPEG",
) -> bytes:
    """A zellige-like pattern in the palette's colours with `title` on a panel."""
    width, height = size or IMAGE_SIZE
    ground, accent, light, dark = palette
    if variant % 3 == 1:
        ground, accent = accent, ground
    elif variant % 3 == 2:
        ground, dark = dark, ground
    image = Image.new("RGB", (width, height), ground)
    draw = ImageDraw.Draw(image)
    cell = max(width, height) // (6 + 2 * (variant % 3))
    for row in range(-1, height // cell + 2):
        shift = cell // 2 if variant % 2 and row % 2 else 0
        for col in range(-1, width // cell + 2):
            cx, cy = col * cell + shift, row * cell
            draw.polygon(_star(cx, cy, cell * 0.46, cell * 0.27), fill=accent)
            draw.polygon(_star(cx, cy, cell * 0.22, cell * 0.13), fill=light)
            dx, dy, r = cx + cell / 2, cy + cell / 2, cell * 0.12
            draw.polygon([(dx, dy - r), (dx + r, dy), (dx, dy + r), (dx - r, dy)], fill=dark)
    if title:
        font_size = max(12, min(height // 12, width // 22))
        panel_width = width * 0.8
        font = _font(font_size)
        lines = _wrap(draw, title, font, panel_width * 0.88)
        while len(lines) > 3 and font_size > 12:
            font_size -= 4
            font = _font(font_size)
            lines = _wrap(draw, title, font, panel_width * 0.88)
        panel_height = (len(lines) + 1.2) * font_size * 1.25
        box = (
            (width - panel_width) / 2,
            (height - panel_height) / 2,
            (width + panel_width) / 2,
            (height + panel_height) / 2,
        )
        draw.rounded_rectangle(
            box,
            radius=int(min(panel_height, panel_width) * 0.12),
            fill=light,
            outline=dark,
            width=max(2, width // 300),
        )
        draw.multiline_text(
            (width / 2, height / 2),
            "\n".join(lines),
            font=font,
            fill=dark,
            anchor="mm",
            align="center",
            spacing=font_size // 4,
        )
    buffer = io.BytesIO()
    if image_format == "JPEG":
        image.save(buffer, "JPEG", quality=82)
    else:
        image.save(buffer, image_format)
    return buffer.getvalue()


def draw_logo(name: str, palette: Sequence[tuple[int, int, int]], size: int = LOGO_SIZE) -> bytes:
    """A round badge with the shop's initials on a star."""
    ground, accent, light, dark = palette
    image = Image.new("RGB", (size, size), light)
    draw = ImageDraw.Draw(image)
    margin = size * 0.04
    draw.ellipse((margin, margin, size - margin, size - margin), fill=ground)
    draw.polygon(_star(size / 2, size / 2, size * 0.42, size * 0.3), fill=accent)
    draw.ellipse((size * 0.26, size * 0.26, size * 0.74, size * 0.74), fill=dark)
    draw.text((size / 2, size / 2), _initials(name), font=_font(size // 5), fill=light, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _initials(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = [w for w in ascii_name.replace("-", " ").split() if w[:1].isupper()]
    return "".join(w[0] for w in words[:2]).upper() or "S"
