# Lantern's web (ASGI) image; the escalation worker (issue 5) runs from the same image.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=config.settings.base \
    FORWARDED_ALLOW_IPS=127.0.0.1 \
    WEB_CONCURRENCY=2

WORKDIR /app
COPY requirements/base.txt requirements/data.txt requirements/
RUN pip install --require-hashes -r requirements/base.txt \
 && pip install --no-deps --require-hashes -r requirements/data.txt

COPY . .
# collectstatic needs a key to import settings; it is not the one the service runs with.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput

RUN useradd --create-home --uid 1000 lantern
USER lantern
EXPOSE 8000
# WEB_CONCURRENCY web processes (uvicorn --workers), each serving pages, the API and
# websockets: one per core is the rule. Each process runs Python under one lock (the GIL),
# so a CPU-heavy request stalls only the requests and sockets of its own process; the
# heaviest work (uploads, PDFs, exports) is not in these processes at all but in the task
# worker (docker-compose.yml). Mind the database: each process has its own pool
# (DATABASE_POOL_MAX_SIZE).
# --proxy-headers: X-Forwarded-For and -Proto are believed only from FORWARDED_ALLOW_IPS
# (the TLS proxy's addresses, comma-separated; uvicorn reads the variable). From anyone
# else they are ignored: the lockout and the throttles count per client address.
CMD ["sh", "-c", "python manage.py migrate --noinput && exec uvicorn config.asgi:application --host 0.0.0.0 --port 8000 --workers ${WEB_CONCURRENCY} --proxy-headers --ws-per-message-deflate false --ws-max-size 65536"]
