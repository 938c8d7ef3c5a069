"""In a real browser, with the site's CSP enforced, a product page shows its photos and
the browser's console stays clean: no failed image, no missing favicon."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from marketplace.catalog.models import ProductImage


def photo(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 750), colour).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_product_page_shows_every_photo_and_logs_no_error(
    browser, live_server, media, make_product, shop
):
    product = make_product("Blue tagine")
    for position, colour in enumerate(["navy", "teal"]):
        # Immediate tasks: the renditions are made when the image is saved.
        ProductImage.objects.create(
            product=product,
            image=ContentFile(photo(colour), name=f"tagine-{position}.jpg"),
            position=position,
            is_main=position == 0,
        )
    assert all(image.renditions for image in ProductImage.objects.all())

    # The site's own CSP applies (no bypass), so a blocked image origin would show.
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 3000}
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status}: {r.url}"))
    try:
        page.goto(f"/en/p/{product.slug_en}/", wait_until="networkidle")
        images = page.eval_on_selector_all(
            "main img",
            "imgs => imgs.map(i => ({src: i.currentSrc, ok: i.complete && i.naturalWidth > 0}))",
        )
        icon = page.evaluate("fetch('/favicon.ico').then(r => r.status)")
    finally:
        context.close()

    assert len(images) == 2
    assert all(image["ok"] for image in images), images
    assert all(".webp" in image["src"] for image in images), images
    assert icon == 200
    assert not problems, problems
