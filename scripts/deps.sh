#!/usr/bin/env bash
# Installs the system packages DisputeKit needs when they are missing (Debian/Ubuntu).
# Sourced by run.sh and test.sh; safe to run again: it installs nothing that is already there.
set -euo pipefail

dk_missing_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
  command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
  # Fonts for scripts beyond Latin, Greek and Cyrillic (CJK, Arabic, emoji) in customer text.
  dpkg -s fonts-noto-core >/dev/null 2>&1 || missing+=(fonts-noto-core)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
  # The support-mailbox tests run a real IMAP server; the program itself only talks to one.
  if [ "${DK_FOR_TESTS:-0}" = 1 ]; then
    [ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
  fi
  echo "${missing[@]:-}"
}

dk_install_dependencies() {
  local missing
  missing=$(dk_missing_packages)
  [ -z "$missing" ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "DisputeKit needs these packages: $missing. Install them as root: apt-get install -y $missing" >&2
      return 1
    fi
  fi
  echo "Installing: $missing" >&2
  $sudo apt-get update -qq >&2
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >&2
}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
