"""Start gunicorn on 127.0.0.1, wait until it answers, read its workers' memory, stop it."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    def __init__(self, *, workers, log_path):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "planwatch.wsgi:application",
                "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}",
                "--workers", str(workers), "--timeout", "120",
            ],
            cwd=Path(__file__).resolve().parent.parent,
            env=os.environ.copy(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, path="/healthz", seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.base_url + path, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:  # refused, reset or timed out while the workers are busy
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer {path} within {seconds} s")

    def worker_pids(self):
        return sorted(pid for pid in all_pids() if parent_of(pid) == self.process.pid)

    def worker_rss_kb(self):
        return {pid: rss_kb(pid) for pid in self.worker_pids()}

    def pss_kb(self):
        """The master's and the workers' memory together, shared pages counted once."""
        return sum(pss_kb(pid) for pid in [self.process.pid, *self.worker_pids()])

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def all_pids():
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def parent_of(pid):
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name may hold spaces and parentheses: fields resume after the last ")".
    return int(stat.rsplit(")", 1)[1].split()[1])


def pss_kb(pid):
    """Proportional set size in kB: a page shared by n processes counts 1/n in each."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def rss_kb(pid):
    """VmRSS of a process in kB, from /proc/<pid>/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0
