#!/usr/bin/env bash
# Builds the upstream validation oracle into .tools/bin/k8s-oracle when it is missing or its
# sources or pins changed: test/tools/install.sh does it, for the oracle as for every tool.
exec "$(dirname "${BASH_SOURCE[0]}")/../tools/install.sh" oracle
