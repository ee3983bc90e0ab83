#!/usr/bin/env bash
# Install what Newsdesk needs on a bare machine; safe to run again (each step skips
# what is already there). The Makefile calls it; run it directly only to debug.
#
#   scripts/bootstrap.sh python     uv (if missing), then .venv from uv.lock
#   scripts/bootstrap.sh browser    Debian's chromium and Java (if missing), then node_modules from package-lock.json
#   scripts/bootstrap.sh postgres   start the local PostgreSQL cluster if it is not answering
set -euo pipefail
cd "$(dirname "$0")/.."

export UV_PYTHON_DOWNLOADS=never  # use the machine's python3.11, never a downloaded one
PYTHON=python3.11

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

ensure_uv() {
    if ! command -v uv >/dev/null; then
        python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip
        echo "Installing uv with pip"
        python3 -m pip install --quiet --user uv \
            || python3 -m pip install --quiet uv \
            || python3 -m pip install --quiet --user --break-system-packages uv
    fi
    # pip puts the binary in the user's or the interpreter's scripts folder,
    # neither of which has to be on PATH.
    local user_scripts interpreter_scripts
    user_scripts="$(python3 -m site --user-base)/bin"
    interpreter_scripts="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')"
    export PATH="$PATH:$user_scripts:$interpreter_scripts"
    command -v uv >/dev/null || { echo "uv is installed but not found on PATH" >&2; exit 1; }
}

python_packages() {
    command -v "$PYTHON" >/dev/null || { echo "$PYTHON is required and not on PATH" >&2; exit 1; }
    ensure_uv
    uv sync --locked --python "$PYTHON"
}

browser() {
    if [ ! -x /usr/bin/chromium ]; then
        echo "Installing Debian's chromium for the browser tests"
        apt_install chromium
    fi
    command -v npm >/dev/null || apt_install npm
    # The Nu Html Checker (npm's vnu-jar) runs on Java.
    command -v java >/dev/null || apt_install openjdk-17-jre-headless
    # npm ci wipes and reinstalls node_modules: only when the lock file changed.
    if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
        npm ci --no-audit --no-fund --loglevel=error
    fi
}

postgres() {
    command -v pg_isready >/dev/null || apt_install postgresql
    pg_isready -q -h 127.0.0.1 && return
    echo "Starting PostgreSQL"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
    for _ in $(seq 30); do
        pg_isready -q -h 127.0.0.1 && return
        sleep 1
    done
    echo "PostgreSQL is not answering on 127.0.0.1:5432" >&2
    exit 1
}

# nginx serves the page as a static file, the physical limit `newsdesk bench` compares
# against; wrk is its load generator. Neither runs as a service.
bench_tools() {
    command -v wrk >/dev/null && [ -x /usr/sbin/nginx ] || apt_install wrk nginx-light
}

case "${1:-}" in
    python) python_packages ;;
    browser) browser ;;
    postgres) postgres ;;
    bench) bench_tools ;;
    *) echo "usage: $0 python|browser|postgres|bench" >&2; exit 2 ;;
esac
