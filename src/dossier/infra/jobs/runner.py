"""The loop behind `dossier worker`: claim, run, repeat; sleep when there is nothing to do."""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable

from django.utils.module_loading import autodiscover_modules

from dossier.infra.jobs.services import claim_next, run

log = logging.getLogger(__name__)


def load_handlers() -> None:
    autodiscover_modules("tasks")


def work(
    *, once: bool = False, idle_sleep: float = 2.0, should_stop: Callable[[], bool] = lambda: False
) -> int:
    """Run jobs until told to stop (or, with `once`, until none is due). Returns jobs run."""
    load_handlers()
    worker_id = f"{socket.gethostname()}:{os.getpid()}"
    done = 0
    while not should_stop():
        job = claim_next(worker_id)
        if job is None:
            if once:
                break
            time.sleep(idle_sleep)
            continue
        ok = run(job)
        # Finished jobs are routine (DOSSIER_LOG_LEVEL=DEBUG shows them); failures are not.
        if ok:
            log.debug("job %s kind=%s done", job.pk, job.kind)
        else:
            log.warning("job %s kind=%s failed", job.pk, job.kind)
        done += 1
    return done
