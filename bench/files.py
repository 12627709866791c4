"""Files benchmark: upload and download of one large file over HTTP and through the blob store,
each beside plain copies of the same file measured in the same run (DESIGN.md §4: peak RSS
≤ 150 MiB; ≥ 50 % of a plain `cp`).

    .venv/bin/python bench/files.py                 # 1 GiB
    .venv/bin/python bench/files.py --size-mb 64    # quick
    git worktree add --detach /tmp/base BASE_COMMIT
    .venv/bin/python bench/files.py --against /tmp/base/src    # before and after, taking turns

Everything runs in a temporary directory (`--work` to choose where): a fresh data directory
(`dossier init`), one API token, `dossier serve --no-worker` as a child process, and a warm-up:
a customer with a Chinese name and company added over HTTP and a small upload of Chinese text
(what it loads once, the tokeniser's dictionaries, is not a file's cost). The client streams
the multipart body from the file and the download to disk, so it never holds the file in memory.
The server's peak RSS is its VmHWM, reset before each request through /proc/<pid>/clear_refs.
The in-process phase (`EncryptedBlobStore.put` / `open`) runs in a child process with its own
data directory, so the HTTP upload stores new content too.
Results are printed as Markdown and written to bench/results/files-<date>.json.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _http import CpuWatch, free_port  # noqa: E402

BIN = Path(sys.executable).parent
DOSSIER = str(BIN / "dossier") if (BIN / "dossier").exists() else "dossier"
ADMIN = [
    "--admin-username",
    "admin",
    "--admin-password",
    "welcome-2026",
    "--admin-email",
    "a@example.com",
    "--no-input",
]
MIB = 1 << 20
BLOCK = MIB
TARGET_RSS_MIB = 150.0
TARGET_RATIO = 0.5
TODAY = datetime.now().astimezone().date().isoformat()


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def env_for(data_dir: Path, max_upload_mb: int) -> dict[str, str]:
    return {
        **os.environ,
        "DOSSIER_DATA_DIR": str(data_dir),
        "DOSSIER_LOG_LEVEL": "WARNING",
        "DOSSIER_MAX_UPLOAD_MB": str(max_upload_mb),
    }


def dossier(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([DOSSIER, *args], env=env, check=True, capture_output=True, text=True)
    return done.stdout


def rate(size: int, seconds: float) -> float:
    return size / MIB / seconds if seconds else 0.0


# ---- the file and the plain baselines ----------------------------------------------------


def make_file(path: Path, size: int) -> str:
    """`size` bytes that neither compress nor repeat; returns their SHA-256."""
    digest = hashlib.sha256()
    with path.open("wb") as out:
        left = size
        while left:
            block = os.urandom(min(16 * MIB, left))
            digest.update(block)
            out.write(block)
            left -= len(block)
    return digest.hexdigest()


def _timed(label: str, size: int, run: Any) -> dict[str, Any]:
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    log(f"{label}: {seconds:.2f} s, {rate(size, seconds):,.0f} MiB/s")
    return {"seconds": seconds, "mib_per_s": rate(size, seconds)}


def sha256_pass(source: Path) -> None:
    """The floor of any content-addressed store: every byte read and hashed once."""
    digest = hashlib.sha256()
    with source.open("rb") as src:
        while block := src.read(BLOCK):
            digest.update(block)


def crypto_pass(source: Path, target: Path) -> None:
    """The blob store's per-byte work without Django or the database: SHA-256, AES-256-GCM
    per 1 MiB chunk, write, fsync."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aead, digest, index = AESGCM(AESGCM.generate_key(bit_length=256)), hashlib.sha256(), 0
    with source.open("rb") as src, target.open("wb") as dst:
        while block := src.read(BLOCK):
            digest.update(block)
            dst.write(aead.encrypt(index.to_bytes(12, "big"), block, b"h"))
            index += 1
        dst.flush()
        os.fsync(dst.fileno())


def baselines(source: Path, work: Path, size: int, repeat: int) -> dict[str, Any]:
    target = work / "copy.bin"

    def cp() -> None:
        subprocess.run(["cp", str(source), str(target)], check=True)

    def cp_fsync() -> None:
        cp()
        fd = os.open(target, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def python_copy() -> None:
        with source.open("rb") as src, target.open("wb") as dst:
            while block := src.read(BLOCK):
                dst.write(block)

    def python_sha256() -> None:
        sha256_pass(source)

    def python_crypto() -> None:
        crypto_pass(source, target)

    found: dict[str, Any] = {}
    for name, run in [
        ("cp", cp),
        ("cp_fsync", cp_fsync),
        ("python_copy", python_copy),
        ("python_sha256", python_sha256),
        ("python_sha256_aesgcm_fsync", python_crypto),
    ]:
        runs = []
        for _ in range(repeat):
            target.unlink(missing_ok=True)
            runs.append(_timed(name, size, run))
        best = min(runs, key=lambda r: r["seconds"])
        found[name] = {**best, "runs": [round(r["seconds"], 3) for r in runs]}
    target.unlink(missing_ok=True)
    return found


# ---- the server --------------------------------------------------------------------------


class Server:
    """`dossier serve --no-worker` as a child; stopped by its own pid only."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.port = free_port()
        self._log = log_path.open("wb")
        self.process = subprocess.Popen(
            [DOSSIER, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--no-worker"],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
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

    def memory(self) -> dict[str, float]:
        """VmRSS and VmHWM (peak RSS since start or the last reset) in MiB."""
        found = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0]) / 1024
        return found

    def reset_peak(self) -> bool:
        """Make VmHWM start again from the current RSS (Linux 4.0+, own processes)."""
        try:
            Path(f"/proc/{self.process.pid}/clear_refs").write_text("5")
        except OSError:
            return False
        return True

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


WARM_UP_CUSTOMER = {
    "kind": "person",
    "name": "张伟",
    "company": "华为技术有限公司",
    "phone": "138 0013 8000",
}
WARM_UP_TEXT = "合同编号 HT-2026-001：北京百度网讯科技有限公司与张伟签订的年度维保服务合同。\n" * 16


def add_customer(server: Server, token: str, fields: dict[str, str]) -> int:
    """POST /api/v1/customers: the customer's id."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    body = json.dumps(fields).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    connection.request("POST", "/api/v1/customers", body=body, headers=headers)
    response = connection.getresponse()
    answer = response.read()
    connection.close()
    if response.status != 201:
        raise RuntimeError(f"adding a customer answered {response.status}: {answer[:300]!r}")
    return int(json.loads(answer)["id"])


def upload(server: Server, token: str, customer: int, source: Path, size: int) -> dict[str, Any]:
    """POST /api/v1/documents with the multipart body streamed from the file."""
    boundary = f"dossier-bench-{os.urandom(8).hex()}"
    head = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="customer"\r\n\r\n'
        f"{customer}\r\n"
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{source.name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=900)
    peak_reset = server.reset_peak()
    before = server.memory()
    cpu = CpuWatch([server.process.pid])
    started = time.perf_counter()
    connection.putrequest("POST", "/api/v1/documents")
    connection.putheader("Authorization", f"Bearer {token}")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(len(head) + size + len(tail)))
    connection.endheaders()
    sent = None
    try:
        connection.send(head)
        with source.open("rb") as stream:
            while block := stream.read(BLOCK):
                connection.send(block)
        connection.send(tail)
        sent = time.perf_counter() - started
    except OSError as error:  # the server stopped reading: it says why in its answer, if any
        log(f"upload: sending failed after {time.perf_counter() - started:.2f} s: {error}")
    try:
        response = connection.getresponse()
        body = response.read()
    except (OSError, http.client.HTTPException) as error:
        raise RuntimeError(f"upload got no answer: {error}") from None
    seconds = time.perf_counter() - started
    machine = cpu.stop()
    after = server.memory()
    connection.close()
    if response.status != 201:
        raise RuntimeError(f"upload answered {response.status}: {body[:300]!r}")
    document = json.loads(body)
    log(f"upload: {seconds:.2f} s, {rate(size, seconds):,.0f} MiB/s, peak {after['VmHWM']:.0f} MiB")
    return {
        "document": document["id"],
        "seconds": seconds,
        # waitress takes in the whole body before the application runs: the time to send it
        # is the receiving phase, the rest is Django parsing and the blob store.
        "sent_seconds": sent,
        "mib_per_s": rate(size, seconds),
        "rss_before_mib": before["VmRSS"],
        "peak_rss_mib": after["VmHWM"],
        "peak_reset": peak_reset,
        "cpu": machine,
    }


def download(server: Server, token: str, document: int, target: Path, size: int) -> dict[str, Any]:
    """GET /api/v1/documents/<id>/download, streamed to disk and hashed on the way."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=900)
    peak_reset = server.reset_peak()
    before = server.memory()
    cpu = CpuWatch([server.process.pid])
    digest, seen = hashlib.sha256(), 0
    started = time.perf_counter()
    connection.request(
        "GET",
        f"/api/v1/documents/{document}/download",
        headers={"Authorization": f"Bearer {token}"},
    )
    response = connection.getresponse()
    if response.status != 200:
        raise RuntimeError(f"download answered {response.status}: {response.read()[:300]!r}")
    with target.open("wb") as out:
        while block := response.read(BLOCK):
            digest.update(block)
            out.write(block)
            seen += len(block)
    seconds = time.perf_counter() - started
    machine = cpu.stop()
    after = server.memory()
    connection.close()
    log(
        f"download: {seconds:.2f} s, {rate(size, seconds):,.0f} MiB/s, "
        f"peak {after['VmHWM']:.0f} MiB"
    )
    return {
        "seconds": seconds,
        "mib_per_s": rate(size, seconds),
        "bytes": seen,
        "sha256": digest.hexdigest(),
        "rss_before_mib": before["VmRSS"],
        "peak_rss_mib": after["VmHWM"],
        "peak_reset": peak_reset,
        "cpu": machine,
    }


# ---- the blob store in process (run as a child: `files.py --in-process FILE OUT`) ----------


def _peak_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def in_process(source: Path, out: Path) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dossier.settings")
    django.setup()
    from dossier.infra.storage.services import default_store

    store, size = default_store(), source.stat().st_size
    Path("/proc/self/clear_refs").write_text("5")
    before = _peak_mib()
    started = time.perf_counter()
    with source.open("rb") as stream:
        ref = store.put(stream)
    put_seconds = time.perf_counter() - started
    put_peak = _peak_mib()
    Path("/proc/self/clear_refs").write_text("5")
    digest = hashlib.sha256()
    started = time.perf_counter()
    with store.open(ref.sha256) as stream:
        while block := stream.read(BLOCK):
            digest.update(block)
    open_seconds = time.perf_counter() - started
    out.write_text(
        json.dumps(
            {
                "rss_before_mib": before,
                "put": {
                    "seconds": put_seconds,
                    "mib_per_s": rate(size, put_seconds),
                    "peak_rss_mib": put_peak,
                    "sha256": ref.sha256,
                    "chunk_size": store.chunk_size,
                },
                "open": {
                    "seconds": open_seconds,
                    "mib_per_s": rate(size, open_seconds),
                    "peak_rss_mib": _peak_mib(),
                    "sha256": digest.hexdigest(),
                },
            }
        )
    )


def bench_in_process(work: Path, source: Path, max_upload_mb: int) -> dict[str, Any]:
    data_dir = work / "in-process"
    env = env_for(data_dir, max_upload_mb)
    dossier(env, "init", *ADMIN)
    out = work / "in-process.json"
    log("in process: EncryptedBlobStore.put and open")
    subprocess.run(
        [sys.executable, __file__, "--in-process", str(source), str(out)], env=env, check=True
    )
    found: dict[str, Any] = json.loads(out.read_text())
    for phase in ("put", "open"):
        log(
            f"store.{phase}: {found[phase]['seconds']:.2f} s, "
            f"{found[phase]['mib_per_s']:,.0f} MiB/s, peak {found[phase]['peak_rss_mib']:.0f} MiB"
        )
    shutil.rmtree(data_dir / "files", ignore_errors=True)
    return found


# ---- the run -----------------------------------------------------------------------------


class Instance:
    """A fresh data directory (`dossier init`, one token), `dossier serve` on it (from this
    checkout or, with `src`, from another checkout's `src`: a base commit) and its warm-up."""

    def __init__(self, work: Path, name: str, max_upload_mb: int, src: Path | None) -> None:
        self.name, self.work, self.data_dir = name, work, work / name
        self.env = env_for(self.data_dir, max_upload_mb)
        if src is not None:
            self.env["PYTHONPATH"] = str(src)
        dossier(self.env, "init", *ADMIN)
        created = dossier(self.env, "token", "create", "--user", "admin")
        self.token = created.strip().splitlines()[-1].strip()
        self.server = Server(self.env, work / f"{name}-serve.log")
        self.idle = self.server.memory()["VmRSS"]
        log(f"{name}: serving on port {self.server.port}, pid {self.server.process.pid}")
        # A warm-up first: a customer with a Chinese name and company added through the
        # server (its search entry needs words and pinyin), and a small upload of Chinese text
        # to them. What that loads once (the tokeniser's dictionaries) is not the file's cost.
        self.customer = add_customer(self.server, self.token, WARM_UP_CUSTOMER)
        warm = work / "合同_张伟.txt"
        warm.write_bytes(WARM_UP_TEXT.encode())
        upload(self.server, self.token, self.customer, warm, warm.stat().st_size)
        self.warmed = self.server.memory()["VmRSS"]
        log(f"{name}: RSS idle {self.idle:.0f} MiB, after the warm-up {self.warmed:.0f} MiB")
        self.ups: list[dict[str, Any]] = []
        self.downs: list[dict[str, Any]] = []

    def transfer(self, source: Path, size: int, sha256: str) -> None:
        log(f"{self.name}:")
        up = upload(self.server, self.token, self.customer, source, size)
        back = self.work / "download.bin"
        down = download(self.server, self.token, up["document"], back, size)
        back.unlink(missing_ok=True)
        down["matches"] = down["sha256"] == sha256 and down["bytes"] == size
        self.ups.append(up)
        self.downs.append(down)

    def finish(self) -> dict[str, Any]:
        files = self.data_dir / "files"
        stored = sum(p.stat().st_size for p in files.rglob("*") if p.is_file())
        self.server.stop()
        shutil.rmtree(files, ignore_errors=True)
        return {
            "rss_idle_mib": self.idle,
            "rss_after_warm_up_mib": self.warmed,
            "upload": _best(self.ups),
            "download": _best(self.downs),
            "stored_bytes": stored,
            "attempts": len(self.ups),
        }


def bench_http(
    work: Path, source: Path, size: int, max_upload_mb: int, repeat: int, against: Path | None
) -> dict[str, dict[str, Any]]:
    """Uploads and downloads; with `against`, a second server from that `src` takes turns
    with this one (in alternating order), so both see the same drifting load."""
    instances = [Instance(work, "data", max_upload_mb, None)]
    try:
        if against is not None:
            instances.append(Instance(work, "against", max_upload_mb, against))
        for attempt in range(repeat):
            if attempt:  # new content each time, so every upload stores (and fsyncs) a new blob
                with source.open("r+b") as stream:
                    stream.write(os.urandom(32))
            sha256 = hash_file(source)
            for instance in instances if attempt % 2 == 0 else instances[::-1]:
                instance.transfer(source, size, sha256)
    finally:
        results = {instance.name: instance.finish() for instance in instances}
    return results


def _best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The fastest run, with every run's seconds and the highest peak RSS of them all."""
    best = dict(min(runs, key=lambda r: r["seconds"]))
    best["runs"] = [round(r["seconds"], 3) for r in runs]
    if "sent_seconds" in best:
        best["sent_runs"] = [r["sent_seconds"] or 0.0 for r in runs]
    best["peak_rss_mib"] = max(r["peak_rss_mib"] for r in runs)
    if "matches" in best:
        best["matches"] = all(r["matches"] for r in runs)
    return best


HTTP_KEYS = ("http", "http_against")


def _commit_of(src: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(src), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    return done.stdout.strip() or "?"


def hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(16 * MIB):
            digest.update(block)
    return digest.hexdigest()


def markdown(result: dict[str, Any]) -> str:
    size_mib = result["size"] / MIB
    base = result["baselines"]
    cp = base["cp"]["mib_per_s"]

    def row(label: str, figure: dict[str, Any], peak: float | None, target: bool) -> str:
        ratio = figure["mib_per_s"] / cp
        peak_text = f"{peak:.0f}" if peak is not None else "–"
        met = ""
        if target:
            ok = ratio >= TARGET_RATIO and peak is not None and peak <= TARGET_RSS_MIB
            met = "yes" if ok else "**no**"
        return (
            f"| {label} | {figure['seconds']:.2f} | {figure['mib_per_s']:,.0f} | "
            f"{100 * ratio:.0f} % | {peak_text} | {met} |"
        )

    http_, inproc = result["http"], result["in_process"]
    lines = [
        f"### {size_mib:,.0f} MiB file, {result['date']}",
        "",
        "| path | seconds | MiB/s | vs `cp` | server peak RSS MiB | target met |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
        row("baseline: `cp`", base["cp"], None, False),
        row("baseline: `cp` + fsync of the copy", base["cp_fsync"], None, False),
        row("baseline: Python read + write, 1 MiB blocks", base["python_copy"], None, False),
        row("baseline: Python read + SHA-256 only", base["python_sha256"], None, False),
        row(
            "baseline: Python SHA-256 + AES-256-GCM + write + fsync",
            base["python_sha256_aesgcm_fsync"],
            None,
            False,
        ),
        row(
            "upload, HTTP `POST /api/v1/documents`",
            http_["upload"],
            http_["upload"]["peak_rss_mib"],
            True,
        ),
        row(
            "download, HTTP `GET /api/v1/documents/<id>/download`",
            http_["download"],
            http_["download"]["peak_rss_mib"],
            True,
        ),
        *against_rows(result, row),
        row(
            "in process: `EncryptedBlobStore.put`",
            inproc["put"],
            inproc["put"]["peak_rss_mib"],
            False,
        ),
        row(
            "in process: `EncryptedBlobStore.open`, read through",
            inproc["open"],
            inproc["open"]["peak_rss_mib"],
            False,
        ),
        "",
        f"Targets: peak RSS ≤ {TARGET_RSS_MIB:.0f} MiB and ≥ {100 * TARGET_RATIO:.0f} % of `cp`. "
        f"Stored object {http_['stored_bytes']:,} bytes for {result['size']:,}.",
        *(footer(result, key) for key in HTTP_KEYS if key in result),
    ]
    return "\n".join(lines)


def against_rows(result: dict[str, Any], row: Any) -> list[str]:
    if "http_against" not in result:
        return []
    other, commit = result["http_against"], result["against"]["commit"]
    return [
        row(
            f"upload, the same, at {commit}", other["upload"], other["upload"]["peak_rss_mib"], True
        ),
        row(
            f"download, the same, at {commit}",
            other["download"],
            other["download"]["peak_rss_mib"],
            True,
        ),
    ]


def footer(result: dict[str, Any], key: str) -> str:
    http_ = result[key]
    which = f"At {result['against']['commit']}" if key == "http_against" else "This checkout"
    up, down = http_["upload"], http_["download"]
    return (
        f"\n{which}: server RSS idle {http_['rss_idle_mib']:.0f} MiB, after the warm-up (a "
        f"customer 张伟 of 华为技术有限公司 added, 2 KiB of Chinese text uploaded) "
        f"{http_['rss_after_warm_up_mib']:.0f} MiB. Upload runs {up['runs']} s, of which "
        f"sending the body {[round(r, 3) for r in up['sent_runs']]} s; download runs "
        f"{down['runs']} s. Best of {http_['attempts']} (each a new blob), peak RSS the highest "
        f"of them; downloads match their upload's SHA-256: {down['matches']}. Machine busy "
        f"during the best upload {up['cpu']['machine_busy_pct']} % (others "
        f"{up['cpu']['others_pct']} %), during the best download "
        f"{down['cpu']['machine_busy_pct']} % (others {down['cpu']['others_pct']} %)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=1024, help="file size in MiB")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each plain baseline")
    parser.add_argument("--http-repeat", type=int, default=3, help="uploads and downloads")
    parser.add_argument("--work", type=Path, default=None, help="where the temporary dir goes")
    parser.add_argument(
        "--against",
        type=Path,
        default=None,
        help="another checkout's src (e.g. a git worktree of a base commit): its server takes "
        "turns with this one",
    )
    parser.add_argument("--in-process", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.in_process:
        in_process(*args.in_process)
        return
    size = args.size_mb * MIB
    max_upload_mb = args.size_mb + 64
    with tempfile.TemporaryDirectory(prefix="dossier-files-", dir=args.work) as tmp:
        work = Path(tmp)
        source = work / "payload.bin"
        log(f"writing {args.size_mb} MiB of random bytes to {source}")
        sha256 = make_file(source, size)
        result: dict[str, Any] = {
            "date": TODAY,
            "started": datetime.now().astimezone().isoformat(timespec="seconds"),
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "platform": platform.platform(),
                "load_before": os.getloadavg(),
            },
            "size": size,
            "sha256": sha256,
            "command": " ".join([".venv/bin/python", "bench/files.py", *sys.argv[1:]]),
        }
        result["baselines"] = baselines(source, work, size, args.repeat)
        http_ = bench_http(work, source, size, max_upload_mb, args.http_repeat, args.against)
        result["http"] = http_["data"]
        if args.against is not None:
            result["against"] = {"src": str(args.against), "commit": _commit_of(args.against)}
            result["http_against"] = http_["against"]
        result["in_process"] = bench_in_process(work, source, max_upload_mb)
    if not all(result.get(k, result["http"])["download"]["matches"] for k in HTTP_KEYS):
        raise SystemExit("the downloaded file differs from the uploaded one")
    if result["in_process"]["open"]["sha256"] != result["in_process"]["put"]["sha256"]:
        raise SystemExit("the blob store read back different bytes")
    table = markdown(result)
    print(table)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    out = results / f"files-{TODAY}.json"
    out.write_text(json.dumps({**result, "markdown": table}, indent=2, ensure_ascii=False))
    log(f"wrote {out}")


if __name__ == "__main__":
    main()
