"""Product photos, shop logos and banners load with DEBUG off, as the Dockerfile and
docker-compose.yml run Souk: with no bucket, Souk serves the media root itself,
only stored image types, only below the root, cached for long."""

import io
import re
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from marketplace.catalog.models import ProductImage
from marketplace.core.storage import IMMUTABLE_MAX_AGE

pytestmark = pytest.mark.django_db


def picture(fmt: str = "JPEG", size=(900, 600), colour="sienna") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return buffer.getvalue()


class ImageURLs(HTMLParser):
    """Every URL an <img> makes the browser load: src and each srcset candidate."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag != "img":
            return
        attributes = dict(attrs)
        if attributes.get("src"):
            self.urls.append(attributes["src"])
        for candidate in (attributes.get("srcset") or "").split(","):
            if candidate.strip():
                self.urls.append(candidate.split()[0])


def image_urls(html: str) -> list[str]:
    parser = ImageURLs()
    parser.feed(html)
    return parser.urls


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def media(settings, tmp_path):
    settings.DEBUG = False
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def photographed(media, make_product, shop, django_capture_on_commit_callbacks):
    """A product with two photos (renditions made by the task) in a shop with a logo
    and a banner, and a second product of the shop with a photo (a card)."""
    shop.logo.save("logo.png", ContentFile(picture("PNG", (160, 160))), save=False)
    shop.banner.save("banner.jpg", ContentFile(picture(size=(1200, 300))), save=False)
    shop.save()
    product = make_product("Blue tagine")
    other = make_product("Green bowl")
    with django_capture_on_commit_callbacks(execute=True):
        for owner, name, position in [
            (product, "tagine", 0),
            (product, "lid", 1),
            (other, "bowl", 0),
        ]:
            ProductImage.objects.create(
                product=owner,
                image=ContentFile(picture(), name=f"{name}.jpg"),
                position=position,
                is_main=position == 0,
            )
    assert all(image.renditions for image in ProductImage.objects.all())
    return product


def test_every_image_on_the_product_and_shop_pages_loads_with_debug_off(client, photographed, shop):
    pages = [f"/en/p/{photographed.slug_en}/", f"/en/shops/{shop.slug}/"]
    seen = set()
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200
        urls = image_urls(response.content.decode())
        assert urls, f"no image on {page}"
        seen.update(urls)

    assert any(url.endswith(".webp") for url in seen)  # renditions in srcset
    assert any("/vendors/logos/" in url for url in seen)
    assert any("/vendors/banners/" in url for url in seen)
    for url in sorted(seen):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] in {"image/jpeg", "image/png", "image/webp"}, url
        assert Image.open(io.BytesIO(body(response))).format in {"JPEG", "PNG", "WEBP"}


def test_renditions_are_cached_for_a_year_and_other_media_for_a_day(client, photographed, shop):
    rendition = ProductImage.objects.filter(product=photographed).first().src(640)
    logo = shop.logo.url

    rendition_response = client.get(rendition)
    logo_response = client.get(logo)

    assert re.search(r"\.[0-9a-f]{12}\.webp$", rendition)
    assert rendition_response["Cache-Control"] == (
        f"public, max-age={IMMUTABLE_MAX_AGE}, immutable"
    )
    assert rendition_response["Content-Type"] == "image/webp"
    assert logo_response["Cache-Control"] == "public, max-age=86400"
    assert logo_response["Content-Type"] == "image/png"
    assert rendition_response["Content-Length"] == str(len(body(rendition_response)))


def test_serving_a_media_file_queries_nothing(client, media, django_assert_num_queries):
    media.mkdir(parents=True)
    (media / "plate.png").write_bytes(picture("PNG"))

    with django_assert_num_queries(0):
        response = client.get("/media/plate.png")

    assert response.status_code == 200


def test_a_media_file_is_revalidated_with_its_etag_or_date(client, media):
    (media / "products").mkdir(parents=True)
    (media / "products" / "plate.png").write_bytes(picture("PNG"))
    first = client.get("/media/products/plate.png")

    by_etag = client.get("/media/products/plate.png", headers={"if-none-match": first["ETag"]})
    by_date = client.get(
        "/media/products/plate.png", headers={"if-modified-since": first["Last-Modified"]}
    )

    assert first.status_code == 200
    assert parsedate_to_datetime(first["Last-Modified"])
    assert by_etag.status_code == by_date.status_code == 304
    assert by_etag["Cache-Control"] == first["Cache-Control"]


def test_head_answers_the_headers_without_the_body_and_post_is_refused(client, media):
    data = picture("PNG")
    (media / "logo.png").parent.mkdir(parents=True)
    (media / "logo.png").write_bytes(data)

    head = client.head("/media/logo.png")
    post = client.post("/media/logo.png")

    assert head.status_code == 200
    assert head["Content-Type"] == "image/png"
    assert head["Content-Length"] == str(len(data))
    assert head.content == b""
    assert post.status_code == 405


@pytest.mark.parametrize(
    "path",
    [
        "/media/../marketplace/settings.py",
        "/media/..%2f..%2fmarketplace%2fsettings.py",
        "/media/%2e%2e/%2e%2e/etc/passwd.png",
        "/media//etc/hostname.png",
        "/media/products/../../secret.png",
        "/media/notes.txt",
        "/media/page.html",
        "/media/drawing.svg",
        "/media/.hidden.png",
        "/media/products/",
        "/media/folder.png",
        "/media/missing.jpg",
        "/media/nul%00.png",
    ],
)
def test_only_stored_image_files_below_the_media_root_are_served(client, media, tmp_path, path):
    media.mkdir(parents=True)
    (tmp_path / "secret.png").write_bytes(picture("PNG"))  # beside the root, not in it
    (media / "products").mkdir()
    (media / "folder.png").mkdir()
    for name in ("notes.txt", "page.html", "drawing.svg", ".hidden.png"):
        (media / name).write_bytes(b"<svg onload=alert(1)>")

    response = client.get(path)

    # A NUL byte anywhere is refused before routing (core.middleware.BadInputMiddleware).
    assert response.status_code == (400 if "%00" in path else 404), path
