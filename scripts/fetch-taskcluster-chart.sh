#!/usr/bin/env bash
# Puts Taskcluster's Helm chart (folder infrastructure/k8s of the Taskcluster repository at a release tag; it is
# published in no Helm repository) where a taskcluster-* config's `taskcluster.chartPath` points.
#
#   scripts/fetch-taskcluster-chart.sh v106.0.0 [destination]
#
# destination defaults to charts/taskcluster-<version> (relative to the current directory). The script clones only
# that tag (shallow), copies the chart folder and checks that the chart's appVersion is the release asked for. An
# existing destination is replaced only when it holds a chart (Chart.yaml), never another folder.
# TASKCLUSTER_REPOSITORY overrides the repository URL (a mirror, or a local clone).
set -euo pipefail

usage() { echo "usage: $0 v<major>.<minor>.<patch> [destination]" >&2; exit 2; }
version="${1:-}"
[[ "$version" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] || usage
dest="${2:-charts/taskcluster-$version}"
repository="${TASKCLUSTER_REPOSITORY:-https://github.com/taskcluster/taskcluster}"

if [[ -e "$dest" && ! -f "$dest/Chart.yaml" ]]; then
  echo "$dest exists and is not a Helm chart: not replacing it" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git -c advice.detachedHead=false clone --quiet --depth 1 --branch "$version" "$repository" "$work/taskcluster"
chart="$work/taskcluster/infrastructure/k8s"
if [[ ! -f "$chart/Chart.yaml" ]]; then
  echo "$repository at $version has no chart in infrastructure/k8s" >&2
  exit 1
fi
app_version="$(sed -n "s/^appVersion:[[:space:]]*['\"]\{0,1\}\([^'\"]*\)['\"]\{0,1\}[[:space:]]*$/\1/p" "$chart/Chart.yaml")"
if [[ "$app_version" != "${version#v}" ]]; then
  echo "the chart at $version says appVersion '$app_version', expected '${version#v}'" >&2
  exit 1
fi

rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
cp -R "$chart" "$dest"
echo "Taskcluster chart $version (appVersion $app_version) in $dest"
