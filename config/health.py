from django.db import DatabaseError, connection
from django.http import JsonResponse


def healthz(request):
    """Liveness and readiness for load balancers and docker-compose: the database answers
    (200), or not (503: take this process out of rotation until it does)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
