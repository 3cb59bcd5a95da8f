"""Drive a URL with wrk and read its results back from a small Lua reporter."""

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("reporter.lua")


@dataclass
class WrkResult:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    socket_errors: int
    bad_statuses: int  # wrk's "Non-2xx or 3xx responses"
    timeouts: int

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def failed(self):
        return self.socket_errors + self.bad_statuses


def parse(output):
    """The reporter's line of wrk's output as a WrkResult; ValueError when it is absent."""
    match = re.search(r"^BENCH (.*)$", output, re.MULTILINE)
    if not match:
        raise ValueError(f"wrk printed no results:\n{output}")
    figures = {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", match.group(1))}
    return WrkResult(
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        p50_ms=figures["p50_us"] / 1000,
        p95_ms=figures["p95_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        # wrk counts timeouts apart from socket errors; both are failed requests.
        socket_errors=figures["connect"] + figures["read"] + figures["write"] + figures["timeout"],
        bad_statuses=figures["status"],
        timeouts=figures["timeout"],
    )


def run(url, *, seconds, threads, connections, timeout=10, paths=()):
    """Load url (or, given paths, those paths on its host in turn) for a number of seconds."""
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout}s",
        "-s", str(SCRIPT), url,
    ]
    if paths:
        command += ["--", *paths]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    return parse(completed.stdout + completed.stderr)
