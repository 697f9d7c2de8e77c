#!/usr/bin/env bash
# Installs the Python tools some tests drive, from PyPI, when they are missing:
# schemathesis (against the live API's OpenAPI document), check-jsonschema (the editor
# schemas over the examples), mcp (Python's MCP client, driving `runnel mcp` and POST /mcp) and
# selenium (the dashboard in headless chromium). Debian's own python3 refuses plain `pip install` (PEP 668), so
# the second attempt says it knowingly.
set -euo pipefail
have() {
  python3 -c 'import schemathesis, selenium' 2>/dev/null && command -v check-jsonschema >/dev/null \
    && [ "$(python3 -c 'import importlib.metadata as m; print(m.version("mcp"))' 2>/dev/null)" = 2.3.0 ]
}
have && exit 0
pkgs=(schemathesis check-jsonschema selenium mcp==2.3.0)
pip=(python3 -m pip install --quiet --disable-pip-version-check)
if ! python3 -m pip --version >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y python3-pip >/dev/null
fi
"${pip[@]}" "${pkgs[@]}" 2>/dev/null || "${pip[@]}" --break-system-packages "${pkgs[@]}"
have || { echo "test-deps: schemathesis, check-jsonschema, selenium or mcp 2.3.0 still missing after pip install" >&2; exit 1; }
