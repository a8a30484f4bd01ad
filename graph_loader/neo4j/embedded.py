"""Start, stop and inspect the bundled Neo4j (embedded DBMS + Bolt, see launcher/).

The Java launcher is deliberately tiny; everything a user sees — building it on first use,
waiting for Bolt, PID bookkeeping, clear errors — is done here.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from graph_loader.errors import Neo4jLaunchError
from graph_loader.settings import LAUNCHER_DIR, PASSWORD_FILE_NAME, state_dir

READY_MARKER = "UKG_NEO4J_READY"
FAILED_MARKER = "UKG_NEO4J_FAILED"
LAUNCHER_MAIN = "ukg.Launcher"
# A fixed, moderate heap (a growing default heap spends the loader's time in garbage collection)
# and the parallel collector: with two cores, G1's concurrent threads and write barriers cost
# the loader more than the parallel collector's short pauses (bench/load.py, warm: 57-64 s, G1 65-66 s).
# Plus the module openings Neo4j's own server scripts pass, without which its page cache runs in
# a slower fallback mode.
JVM_OPTIONS = tuple(
    os.environ.get(
        "UKG_NEO4J_JVM_OPTIONS",
        "-Xms2g -Xmx2g -XX:+UseParallelGC -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC"
        " -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true"
        " --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED"
        " --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED",
    ).split()
)


@dataclass(frozen=True)
class EmbeddedPaths:
    """Files of one embedded instance, all under the state directory."""

    root: Path

    @property
    def home(self) -> Path:
        return self.root / "neo4j"

    @property
    def pid_file(self) -> Path:
        return self.root / "neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.root / "neo4j.log"

    @property
    def password_file(self) -> Path:
        return self.root / PASSWORD_FILE_NAME


@dataclass(frozen=True)
class RunningInstance:
    pid: int
    port: int

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"


def paths(root: Path | None = None) -> EmbeddedPaths:
    return EmbeddedPaths(root or state_dir())


# --- building the launcher -------------------------------------------------------------------


def _launcher_classpath() -> str:
    target = LAUNCHER_DIR / "target"
    return f"{target / 'classes'}{os.pathsep}{target / 'lib' / '*'}"


def launcher_is_built() -> bool:
    """Built when the class file and the copied jars are newer than the sources and the pom."""
    target = LAUNCHER_DIR / "target"
    class_file = target / "classes" / "ukg" / "Launcher.class"
    lib = target / "lib"
    if not class_file.exists() or not lib.is_dir() or not any(lib.glob("neo4j-bolt-*.jar")):
        return False
    sources = [LAUNCHER_DIR / "pom.xml", *(LAUNCHER_DIR / "src").rglob("*.java")]
    newest_source = max(path.stat().st_mtime for path in sources)
    return class_file.stat().st_mtime >= newest_source


def build_launcher(log: Path) -> None:
    """Compile the launcher and copy Neo4j's jars with Maven (first use only)."""
    for tool in ("java", "mvn"):
        if shutil.which(tool) is None:
            raise Neo4jLaunchError(f"'{tool}' not found on PATH: the embedded Neo4j needs Java 17 and Maven")
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        result = subprocess.run(
            ["mvn", "-q", "-B", "-f", str(LAUNCHER_DIR / "pom.xml"), "package", "-DskipTests"],
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if result.returncode != 0:
        raise Neo4jLaunchError(f"building the Neo4j launcher with Maven failed (exit {result.returncode}); see {log}")


# --- the password ----------------------------------------------------------------------------


def ensure_password(files: EmbeddedPaths) -> Path:
    """The state directory private to its owner (0700) and a password file in it (0600).

    Why: Bolt on loopback is reachable by every local user, so authentication is on; the password
    is generated once, on the first start, and every command, the API and the tests read it from
    this file (never from argv or the environment, which other users can see).
    """
    files.root.mkdir(parents=True, exist_ok=True)
    files.root.chmod(0o700)
    try:
        descriptor = os.open(files.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        files.password_file.chmod(0o600)
        if files.password_file.read_text(encoding="utf-8").strip():
            return files.password_file
        descriptor = os.open(files.password_file, os.O_WRONLY | os.O_TRUNC)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(secrets.token_urlsafe(24) + "\n")
    return files.password_file


# --- process bookkeeping ---------------------------------------------------------------------


def _is_launcher_process(pid: int) -> bool:
    """True when `pid` is alive and is our launcher (guards against recycled PIDs)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True  # no /proc (macOS): trust the PID
    return LAUNCHER_MAIN.encode() in cmdline


def read_instance(root: Path | None = None) -> RunningInstance | None:
    """The running instance recorded in the PID file, or None. A stale PID file is removed."""
    pid_file = paths(root).pid_file
    try:
        pid_text, port_text = pid_file.read_text().split()
        instance = RunningInstance(int(pid_text), int(port_text))
    except (OSError, ValueError):
        if pid_file.exists():
            pid_file.unlink()
        return None
    if not _is_launcher_process(instance.pid):
        pid_file.unlink(missing_ok=True)
        return None
    return instance


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def bolt_answers(port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port() -> int:
    """An ephemeral port that is free right now (for throwaway test instances)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- start / stop ----------------------------------------------------------------------------


def start(port: int, root: Path | None = None, timeout: float = 120.0) -> tuple[RunningInstance, bool]:
    """Start the embedded Neo4j in the background and wait for Bolt.

    Returns (instance, started): `started` is False when it was already running (a no-op).
    """
    files = paths(root)
    running = read_instance(root)
    if running is not None:
        return running, False
    if not port_is_free(port):
        raise Neo4jLaunchError(f"port {port} on 127.0.0.1 is already in use; stop what holds it or set UKG_NEO4J_PORT")
    password_file = ensure_password(files)
    if not launcher_is_built():
        build_launcher(files.log_file)
    files.home.mkdir(parents=True, exist_ok=True)
    log_offset = files.log_file.stat().st_size if files.log_file.exists() else 0
    command = ["java", *JVM_OPTIONS, "-cp", _launcher_classpath(), LAUNCHER_MAIN, str(files.home), str(port)]
    with files.log_file.open("ab") as log:
        process = subprocess.Popen(
            [*command, str(password_file)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # survives the CLI and is not hit by the terminal's Ctrl-C
        )
    files.pid_file.write_text(f"{process.pid} {port}\n")
    instance = RunningInstance(process.pid, port)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tail = _log_since(files.log_file, log_offset)
        if FAILED_MARKER in tail or process.poll() is not None:
            files.pid_file.unlink(missing_ok=True)
            reason = _failure_reason(tail)
            raise Neo4jLaunchError(f"Neo4j failed to start: {reason} (log: {files.log_file})")
        if READY_MARKER in tail and bolt_answers(port):
            return instance, True
        time.sleep(0.2)
    stop(root)
    raise Neo4jLaunchError(f"Neo4j did not answer on port {port} within {timeout:.0f}s (log: {files.log_file})")


def _log_since(log: Path, offset: int) -> str:
    with log.open("rb") as handle:
        handle.seek(offset)
        return handle.read().decode("utf-8", errors="replace")


def _failure_reason(log_tail: str) -> str:
    for line in log_tail.splitlines():
        if FAILED_MARKER in line:
            return line.split(FAILED_MARKER, 1)[1].strip()
    lines = [line for line in log_tail.splitlines() if line.strip()]
    return lines[-1][:300] if lines else "the launcher exited without a message"


def stop(root: Path | None = None, timeout: float = 60.0) -> RunningInstance | None:
    """Shut the embedded Neo4j down cleanly (SIGTERM runs the DBMS shutdown hook).

    Returns the instance that was stopped, or None when nothing was running.
    """
    files = paths(root)
    instance = read_instance(root)
    if instance is None:
        return None
    os.kill(instance.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _is_alive(instance.pid):
        time.sleep(0.2)
    if _is_alive(instance.pid):
        os.kill(instance.pid, signal.SIGKILL)
    files.pid_file.unlink(missing_ok=True)
    return instance


def _is_alive(pid: int) -> bool:
    """True while the process runs; a zombie child of ours is reaped and counts as gone."""
    if _reap(pid):
        return False
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except (OSError, IndexError):
        return True
    if state == "Z" and _thread_count(pid) <= 1:
        # the JVM's main thread exits before its shutdown hook: a zombie leader with live threads
        # is still closing the database; only a zombie with no threads left is gone
        _reap(pid)
        return False
    return True


def _thread_count(pid: int) -> int:
    try:
        return sum(1 for _ in Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return 0


def _reap(pid: int) -> bool:
    """Collect the exit status if `pid` is our exited child (so no zombie is left behind)."""
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return False
    return waited == pid
