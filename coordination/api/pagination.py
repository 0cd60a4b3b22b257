from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


class CursorPagination(pagination.CursorPagination):
    """For long, growing lists (referrals, alerts): stable under inserts, flat cost per page."""

    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"
