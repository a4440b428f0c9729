FROM python:3.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 STATIC_COLLECTED=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY . .
RUN pip install --no-cache-dir . && \
    DEBUG=1 python manage.py compilemessages -v 0 && \
    DEBUG=1 python manage.py collectstatic --noinput -v 0
# /app/media exists in the image so the shared volume mounted there starts owned by the app user.
RUN useradd --create-home socialcrm && mkdir -p /app/media && chown -R socialcrm /app
USER socialcrm
EXPOSE 8000
CMD ["gunicorn", "socialcrm.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
