"""Workers racing: run `work` in several threads released at the same instant, each with
its own database connection (PostgreSQL's row locks are what is tested), and return what
each returned."""

import threading

from django.db import connection


def race(work, workers: int = 2) -> list:
    barrier, results = threading.Barrier(workers), []

    def worker():
        barrier.wait()
        try:
            results.append(work())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
