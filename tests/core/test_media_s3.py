"""With MEDIA_BUCKET set, originals and renditions live in an S3-compatible bucket
shared by every web machine and task worker, and pages link to the bucket.

The bucket is a real S3-compatible server (moto's server mode, from PyPI) started
on 127.0.0.1 by the test; the storage settings come from the environment through
marketplace/settings.py, as in production; the photo goes through the production
path: ProductImage saved, rendition task run after commit, page rendered, every
image URL fetched from the server.
"""

import io
import json
import runpy
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from PIL import Image

from marketplace.catalog.models import ProductImage
from tests.core.test_media import image_urls
from tests.core.test_settings import run_manage

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "souk-media-test"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}
KEYS = {"MEDIA_ACCESS_KEY_ID": "testing", "MEDIA_SECRET_ACCESS_KEY": "testing"}

pytestmark = [pytest.mark.django_db, pytest.mark.s3]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """An S3-compatible server on loopback for this module's tests."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{endpoint}/", timeout=2):  # noqa: S310 (http)
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the S3 test server did not start") from None
                time.sleep(0.2)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


def settings_from_environment(monkeypatch, **environment) -> dict:
    """The settings marketplace/settings.py computes from this environment."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "marketplace" / "settings.py"))


@pytest.fixture
def bucket(s3_endpoint, monkeypatch, settings):
    """An empty bucket, and the test settings switched to the media storage and CSP
    that marketplace/settings.py makes for it; yields an S3 client."""
    computed = settings_from_environment(
        monkeypatch,
        MEDIA_BUCKET=BUCKET,
        MEDIA_ENDPOINT_URL=s3_endpoint,
        MEDIA_REGION="us-east-1",
        **KEYS,
    )
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=BUCKET)
    # Product photos are public: anyone may read them, as a production bucket's policy says.
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
    storages = {**settings.STORAGES, "default": computed["STORAGES"]["default"]}
    with override_settings(STORAGES=storages, SECURE_CSP=computed["SECURE_CSP"], DEBUG=False):
        yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def fetch(url: str) -> tuple[int, Message, bytes]:
    assert url.startswith("http://127.0.0.1:"), url  # only the loopback test server
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


def photo(size=(1400, 900)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "olive").save(buffer, "JPEG")
    return buffer.getvalue()


def test_the_bucket_come_from_the_environment(monkeypatch):
    computed = settings_from_environment(
        monkeypatch,
        MEDIA_BUCKET="souk-media",
        MEDIA_ENDPOINT_URL="https://s3.fr-par.example",
        MEDIA_REGION="fr-par",
        MEDIA_CUSTOM_DOMAIN="cdn.souk.example",
        MEDIA_LOCATION="media",
        **KEYS,
    )

    storage = computed["STORAGES"]["default"]
    assert storage["BACKEND"] == "marketplace.core.s3.MediaS3Storage"
    assert (
        storage["OPTIONS"]
        | {
            "bucket_name": "souk-media",
            "endpoint_url": "https://s3.fr-par.example",
            "region_name": "fr-par",
            "custom_domain": "cdn.souk.example",
            "location": "media",
            "querystring_auth": False,
            "file_overwrite": False,
        }
        == storage["OPTIONS"]
    )
    assert "https://cdn.souk.example" in computed["SECURE_CSP"]["img-src"]


def test_a_bucket_deployment_passes_check_deploy_with_no_warning():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x7Hq2pLk9Vw4Zr8Nt6Yb3Mc5Jd1Fg0SaQeRtYuIoPaSdFgHjKlZxCvBnM",
        ALLOWED_HOSTS="souk.example",
        MEDIA_BUCKET="souk-media",
        MEDIA_REGION="eu-west-3",
        MEDIA_CUSTOM_DOMAIN="cdn.souk.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_without_a_bucket_media_stay_on_the_filesystem(monkeypatch):
    monkeypatch.delenv("MEDIA_BUCKET", raising=False)
    computed = settings_from_environment(monkeypatch)

    assert computed["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert computed["MEDIA_ORIGINS"] == []


def test_a_product_photo_and_its_renditions_are_stored_in_and_served_by_the_bucket(
    bucket, client, make_product, django_capture_on_commit_callbacks, settings, s3_endpoint
):
    product = make_product("Blue tagine")
    with django_capture_on_commit_callbacks(execute=True):
        image = ProductImage.objects.create(
            product=product, image=ContentFile(photo(), name="tagine.jpg"), is_main=True
        )
    image.refresh_from_db()

    # Every file is an object in the bucket, none is under the media root.
    keys = {item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert keys == {image.image.name, *image.renditions.values()}
    assert sorted(image.renditions, key=int) == ["320", "640", "1280"]
    assert not Path(settings.MEDIA_ROOT, image.image.name).exists()

    # The page links to the bucket, allows its origin in the CSP, and each URL loads.
    response = client.get(f"/en/p/{product.slug_en}/")
    urls = image_urls(response.content.decode())
    assert response.status_code == 200
    assert urls
    assert all(url.startswith(f"{s3_endpoint}/{BUCKET}/") for url in urls)
    assert s3_endpoint in response["Content-Security-Policy"]
    for url in urls:
        status, headers, data = fetch(url)
        assert status == 200, url
        assert headers["Content-Type"] == "image/webp"
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert Image.open(io.BytesIO(data)).format == "WEBP"

    status, headers, data = fetch(image.image.url)
    assert status == 200
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == "public, max-age=86400"
    assert Image.open(io.BytesIO(data)).size == (1400, 900)

    # Souk's own media view serves nothing while a bucket holds the media.
    assert client.get(f"/media/{image.image.name}").status_code == 404


def test_replacing_and_deleting_a_photo_removes_its_renditions_from_the_bucket(
    bucket, make_product, django_capture_on_commit_callbacks
):
    product = make_product("Blue tagine")
    with django_capture_on_commit_callbacks(execute=True):
        image = ProductImage.objects.create(
            product=product, image=ContentFile(photo(), name="first.jpg")
        )
    image.refresh_from_db()
    first = list(image.renditions.values())

    image.image = ContentFile(photo((700, 500)), name="second.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    image.refresh_from_db()
    second = list(image.renditions.values())

    assert not any(default_storage.exists(name) for name in first)
    assert all(default_storage.exists(name) for name in second)

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not any(default_storage.exists(name) for name in second)


def test_a_second_logo_with_the_same_name_does_not_overwrite_the_first(bucket, shop):
    from marketplace.vendors.models import Vendor

    other = Vendor.objects.create(name="Other", slug="other")
    shop.logo.save("logo.jpg", ContentFile(photo((100, 100))))
    other.logo.save("logo.jpg", ContentFile(photo((120, 120))))

    assert shop.logo.name != other.logo.name
    assert Image.open(default_storage.open(shop.logo.name)).size == (100, 100)
