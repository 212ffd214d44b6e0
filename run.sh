#!/usr/bin/env bash
# Runs DisputeKit. With no arguments: one sweep on the embedded default
# (sample data in samples/default, the local Stripe fake, files under data/).
# Any arguments are passed to the disputekit command line, e.g. ./run.sh --help
set -euo pipefail
cd "$(dirname "$0")"
. scripts/deps.sh
dk_install_dependencies
dotnet build src/DisputeKit.Cli -c Release -v quiet -nologo -clp:NoSummary >&2
exec dotnet src/DisputeKit.Cli/bin/Release/net10.0/disputekit.dll "${@:-sweep}"
