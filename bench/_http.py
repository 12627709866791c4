"""Start `dossier serve` and drive it from concurrent keep-alive HTTP clients."""

from __future__ import annotations

import http.client
import os
import random
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class CpuWatch:
    """How busy the machine was between start and stop, and how much of it was not us (the
    benchmark process and its children, `pids` included): shared machines drift."""

    def __init__(self, pids: list[int] | None = None) -> None:
        self.pids = pids or []
        self.start = self._sample()

    def _sample(self) -> tuple[float, float, float]:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        busy = sum(fields) - fields[3] - fields[4]  # minus idle and iowait
        ours = sum(os.times()[:4])
        for pid in self.pids:
            try:
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                ours += (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
            except (OSError, IndexError):
                pass
        return time.monotonic(), busy / os.sysconf("SC_CLK_TCK"), ours

    def stop(self) -> dict[str, float]:
        wall0, busy0, ours0 = self.start
        wall1, busy1, ours1 = self._sample()
        capacity = (wall1 - wall0) * (os.cpu_count() or 1)
        busy, ours = busy1 - busy0, ours1 - ours0
        return {
            "machine_busy_pct": round(100 * busy / capacity, 1),
            "others_pct": round(max(0.0, 100 * (busy - ours) / capacity), 1),
        }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`dossier serve` as a child process; stopped by its own pid only."""

    def __init__(self, dossier: str, data_dir: Path, log: Path) -> None:
        self.port = free_port()
        env = {**os.environ, "DOSSIER_DATA_DIR": str(data_dir), "DOSSIER_LOG_LEVEL": "WARNING"}
        self._log = log.open("wb")
        self.process = subprocess.Popen(
            [dossier, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready()

    def _wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dossier serve exited with {self.process.returncode}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/api/v1/health")
                if connection.getresponse().status == 200:
                    connection.close()
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("dossier serve did not answer /api/v1/health in time")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    not_sent: int = 0

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.latencies)
        return {
            "requests": len(self.latencies) + len(self.errors),
            "errors": len(self.errors),
            "not_sent": self.not_sent,
            "p50_ms": percentile(ordered, 50),
            "p95_ms": percentile(ordered, 95),
            "p99_ms": percentile(ordered, 99),
            "max_ms": ordered[-1] if ordered else None,
            "req_per_s": round(len(ordered) / self.seconds, 1) if self.seconds else None,
            "first_errors": self.errors[:3],
        }


def percentile(ordered: list[float], p: float) -> float | None:
    """Nearest-rank percentile of sorted milliseconds."""
    if not ordered:
        return None
    rank = max(1, -(-len(ordered) * p // 100))
    return round(ordered[int(rank) - 1], 2)


def drive(
    ports: int | list[int],
    paths: list[str],
    headers: dict[str, str],
    clients: int,
    think_ms: float = 0.0,
    budget_s: float | None = None,
) -> Run:
    """Send every path once, from `clients` threads each with its own keep-alive connection
    (spread over `ports` when there are several servers), pausing `think_ms` between requests;
    latency is from sending the request to having read the whole body. With `budget_s`, no new
    request starts after that many seconds (those in flight finish); `not_sent` counts the rest.
    With `think_ms`, clients start staggered over one pause and each pause is drawn from 0.5–1.5×
    `think_ms`: people do not click in step (in-step clients arrive in bursts of `clients`)."""
    every = [ports] if isinstance(ports, int) else ports
    run = Run()
    lock = threading.Lock()
    queue = iter(list(enumerate(paths)))

    deadline = None if budget_s is None else time.perf_counter() + budget_s

    def next_path() -> str | None:
        if deadline is not None and time.perf_counter() > deadline:
            return None
        with lock:
            item = next(queue, None)
        return item[1] if item else None

    def client(port: int, number: int) -> None:
        pauses = random.Random(number)
        if think_ms:
            time.sleep(pauses.uniform(0, think_ms / 1000))
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        while (path := next_path()) is not None:
            connection = _get(connection, path, headers, run, lock)
            if think_ms:
                time.sleep(pauses.uniform(0.5, 1.5) * think_ms / 1000)
        connection.close()

    threads = [
        threading.Thread(target=client, args=(every[n % len(every)], n)) for n in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - started
    run.not_sent = len(paths) - len(run.latencies) - len(run.errors)
    return run


def _get(
    connection: http.client.HTTPConnection,
    path: str,
    headers: dict[str, str],
    run: Run,
    lock: threading.Lock,
) -> http.client.HTTPConnection:
    """One timed GET on a keep-alive connection; a new connection if this one broke."""
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            if response.status == 200:
                run.latencies.append(elapsed)
            else:
                run.errors.append(f"{response.status} {body[:200]!r}")
    except (OSError, http.client.HTTPException) as error:
        with lock:
            run.errors.append(f"{type(error).__name__}: {error}")
        connection.close()
        return http.client.HTTPConnection(connection.host, connection.port, timeout=300)
    return connection
