"""Separate environments for the Colab check and the drift check, and the companion package as a wheel.

:func:`find_python` finds an interpreter of a given version (or says how to get one);
:func:`pinned_environment` builds a virtual environment with exactly the requested packages and
rebuilds it when the request changes; :func:`build_wheel` builds the companion package the way
``pip install git+https://...`` does (from the tracked files only, with build isolation), and
:func:`install_wheel` puts it into an environment without touching the packages already there.
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile

from booktools import ROOT

#: PyTorch's index of CPU-only wheels (the one requirements.txt adds, and Colab's CPU runtime uses).
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"


class SetupError(RuntimeError):
    """An environment could not be found or built; the message says what to do."""


def reachable(host: str) -> bool:
    try:
        socket.getaddrinfo(host, 443)
    except OSError:
        return False
    return True


def python_version(python: str) -> str | None:
    try:
        out = subprocess.run([python, "-c", "import platform; print(platform.python_version())"],
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def _candidates(version: str):
    yield shutil.which(f"python{version}")
    if os.name == "nt" and shutil.which("py"):
        out = subprocess.run(["py", f"-{version}", "-c", "import sys; print(sys.executable)"],
                             capture_output=True, text=True)
        yield out.stdout.strip() if out.returncode == 0 else None
    pyenv = pathlib.Path(os.environ.get("PYENV_ROOT", pathlib.Path.home() / ".pyenv")) / "versions"
    for folder in sorted(pyenv.glob(f"{version}.*"), reverse=True):
        yield str(folder / "bin" / f"python{version}")
    if shutil.which("uv"):
        out = subprocess.run(["uv", "python", "find", version], capture_output=True, text=True)
        yield out.stdout.strip() if out.returncode == 0 else None


def find_python(version: str) -> tuple[str, str]:
    """``(path, full version)`` of a Python ``version`` ("3.13"): on PATH as ``python3.13``, through
    Windows' ``py -3.13``, in pyenv's versions or through uv. Raises with instructions otherwise
    (no silent fallback to another version)."""
    for candidate in _candidates(version):
        if candidate and pathlib.Path(candidate).is_file():
            full = python_version(candidate)
            if full and full.rsplit(".", 1)[0] == version:
                return candidate, full
    raise SetupError(
        f"Python {version} is needed and was not found (looked for python{version} on PATH, "
        f"'py -{version}', pyenv and uv). Install it (python.org, 'pyenv install {version}', "
        f"'uv python install {version}' or your system's package) and run again."
    )


def newest_python(versions=("3.15", "3.14", "3.13", "3.12", "3.11")) -> tuple[str, str]:
    """The newest of the given Pythons this machine has."""
    for version in versions:
        try:
            return find_python(version)
        except SetupError:
            continue
    raise SetupError(f"none of Python {', '.join(versions)} was found")


def bin_dir(env: pathlib.Path) -> pathlib.Path:
    return env / ("Scripts" if os.name == "nt" else "bin")


def env_python(env: pathlib.Path) -> pathlib.Path:
    return bin_dir(env) / ("python.exe" if os.name == "nt" else "python")


def pip(env: pathlib.Path, *args: str) -> None:
    """Run the environment's pip; raise with pip's last lines when it fails."""
    command = [str(env_python(env)), "-m", "pip", "--disable-pip-version-check", *args]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise SetupError(f"pip {' '.join(args[:3])} ... failed in {env}:\n{tail}")


def pinned_environment(env: pathlib.Path, python: str, requirements: list[str],
                       pip_args: list[str] = (), log=print) -> dict:
    """A virtual environment at ``env`` made with ``python`` holding ``requirements``.

    The request (interpreter, requirements, pip options) is recorded in ``env/request.json``: an
    environment made for another request is removed and made again. Returns the recorded request.
    """
    request = {"python": python_version(python), "requirements": list(requirements), "pip_args": list(pip_args)}
    record = env / "request.json"
    if record.is_file() and json.loads(record.read_text()) == request and env_python(env).is_file():
        return request
    if env.exists():
        log(f"  the request changed: rebuilding {env.relative_to(ROOT) if env.is_relative_to(ROOT) else env}")
        shutil.rmtree(env)
    log(f"  creating {env} with Python {request['python']} and {len(requirements)} pinned packages "
        "(a few minutes the first time)")
    subprocess.run([python, "-m", "venv", str(env)], check=True)
    pip(env, "install", "--quiet", *pip_args, *requirements)
    record.write_text(json.dumps(request, indent=1))
    return request


def build_wheel(out: pathlib.Path, python: str | None = None) -> pathlib.Path:
    """The companion package's wheel, built as ``pip install git+<repository>`` builds it: from a
    copy of the files git tracks (as they are in the working tree), with build isolation."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.whl"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        source = pathlib.Path(tmp) / "source"
        for name in filter(None, tracked.decode().split("\0")):
            if (ROOT / name).is_file():
                (source / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, source / name)
        result = subprocess.run([python or sys.executable, "-m", "pip", "--disable-pip-version-check",
                                 "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(source)],
                                capture_output=True, text=True)
    if result.returncode != 0:
        raise SetupError(f"building the companion package's wheel failed:\n{result.stderr[-2000:]}")
    wheels = list(out.glob("*.whl"))
    if len(wheels) != 1:
        raise SetupError(f"expected one wheel in {out}, found {wheels}")
    return wheels[0]


def install_wheel(env: pathlib.Path, wheel: pathlib.Path) -> None:
    """Install the wheel, replacing an earlier build, and check that the environment's packages
    still satisfy every requirement (the package must install beside them without changing them)."""
    pip(env, "install", "--quiet", "--force-reinstall", "--no-deps", str(wheel))
    pip(env, "check")


def versions(env: pathlib.Path, names) -> dict[str, str | None]:
    """The installed version of each distribution in ``names`` (``None`` when absent)."""
    code = ("import json, sys, importlib.metadata as m\n"
            "def v(n):\n    try: return m.version(n)\n    except m.PackageNotFoundError: return None\n"
            "print(json.dumps({n: v(n) for n in sys.argv[1:]}))")
    out = subprocess.run([str(env_python(env)), "-c", code, *names], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)
