"""The bound on uploaded files (`UPLOAD_MAX_BYTES`), shared by the API and the pages.

The ASGI door (config/body_limit.py) refuses any body over REQUEST_BODY_MAX_BYTES before
Django reads it; an upload is held to its own, smaller limit here: its declared length
before the multipart body is parsed, then the file itself."""

from django.conf import settings

# A multipart body holds the file and the submission's other fields (a few hundred bytes,
# a kilobyte or two with every parish ticked) around it.
MULTIPART_SLACK = 64 * 1024


def size_text(size: int) -> str:
    if size >= 2**20:
        return f"{size / 2**20:g} MB"
    return f"{size // 1024} KB"


def too_large_message() -> str:
    return (
        f"The file is larger than {size_text(settings.UPLOAD_MAX_BYTES)}, the most Lantern "
        "takes; a full template of 20,000 rows is smaller."
    )


def body_too_large(request) -> bool:
    """Whether the request's declared body exceeds an upload's, before it is parsed."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.UPLOAD_MAX_BYTES + MULTIPART_SLACK


def file_too_large(uploaded) -> bool:
    return uploaded is not None and uploaded.size > settings.UPLOAD_MAX_BYTES
