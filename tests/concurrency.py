"""Run work in threads released together, for tests of concurrent buyers."""

import threading

from django.db import connection


def run_at_once(count: int, work, *, timeout: float = 60) -> list:
    """Run `work(i)` in `count` threads released together; their results (or the
    exception each raised) in order. Each thread closes its database connection."""
    barrier = threading.Barrier(count, timeout=30)
    results: list = [None] * count

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as error:
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads)
    return results
