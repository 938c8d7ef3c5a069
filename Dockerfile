# Souk production image: gunicorn serving marketplace.wsgi, static files by whitenoise.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The release identifier in shared fragment keys (docker build --build-arg
# RELEASE=<tag or commit>); without it the site hashes its templates and code.
ARG RELEASE=""
ENV RELEASE=${RELEASE}

WORKDIR /app

RUN groupadd --system souk && useradd --system --gid souk --home-dir /app --shell /usr/sbin/nologin souk

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=souk:souk . .

# collectstatic needs settings to load; these values exist only for this build step.
RUN DEBUG=false SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media && chown -R souk:souk /app/var

USER souk
EXPOSE 8000

# gunicorn believes X-Forwarded-Proto (and the other X-Forwarded-* scheme headers)
# only from these addresses: set FORWARDED_ALLOW_IPS to your proxies' addresses or
# networks (comma-separated, CIDR allowed). Never "*": any client could then claim
# HTTPS. Django itself reads X-Forwarded-Proto only with USE_X_FORWARDED_PROTO=true.
ENV FORWARDED_ALLOW_IPS=127.0.0.1

CMD ["gunicorn", "marketplace.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-"]
