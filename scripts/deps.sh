# Shared by ./crawler and scripts/test.sh: install what is missing, loudly, and fail clearly when it cannot.

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "error: need root (or sudo) to run: $*" >&2; return 1; fi
}

apt_updated=""
apt_install() {
  echo "installing missing Debian packages: $*" >&2
  if [[ -z "$apt_updated" ]]; then as_root apt-get update -qq >&2; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null; then
    echo "error: the .NET 10 SDK ('dotnet') is not on PATH; install it first (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
    exit 1
  fi
}

# Playwright drives Debian's Chromium (never a downloaded browser); without a CJK font, screenshots of Chinese pages are boxes.
ensure_browser() {
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || missing+=(fonts-wqy-microhei)
  if (( ${#missing[@]} )); then apt_install "${missing[@]}"; fi
  [[ -x /usr/bin/chromium ]] || { echo "error: /usr/bin/chromium is still missing after install" >&2; exit 1; }
}

# The report tests read the unit report's PDF back with poppler's pdftotext (the PDF must hold the unit's name on page 1).
ensure_pdf_tools() {
  command -v pdftotext >/dev/null || apt_install poppler-utils
  command -v pdftotext >/dev/null || { echo "error: pdftotext (poppler-utils) is still missing after install" >&2; exit 1; }
}

ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt_install postgresql
  fi
}
