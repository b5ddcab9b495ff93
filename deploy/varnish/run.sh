#!/usr/bin/env bash
# deploy/varnish/run.sh PORT BACKEND — Varnish in front of the app, in the foreground.
#
#   PORT      where Varnish listens, on 127.0.0.1
#   BACKEND   the app instance(s) as host:port, comma-separated for several (round robin,
#             each health-checked on /api/health)
#
# Run it in the background and stop it by its pid (TERM or INT stop varnishd and remove
# its scratch directory). Installs nothing: it needs varnishd with the xkey vmod (Debian:
# varnish and varnish-modules). Optional environment:
#   VARNISH_STORAGE     cache size (default 256m)
#   SKILLMATE_EDGE_TTL  how long a found page is kept (default 24h; purges end it sooner)
#   VARNISH_PURGERS     further addresses allowed to purge, comma-separated (the backends'
#                       hosts and 127.0.0.1 always may)
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 PORT BACKEND[,BACKEND...]   (BACKEND as host:port)" >&2
  exit 2
fi
port=$1
backends=$2
here=$(cd "$(dirname "$0")" && pwd)
varnishd=$(command -v varnishd || echo /usr/sbin/varnishd)
[ -x "$varnishd" ] || { echo "varnishd not found (Debian: apt-get install varnish varnish-modules)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/skillmate-varnish.XXXXXX")
chmod 755 "$work"

# backends.vcl: one backend per instance, a round-robin director over them, and the acl
# of who may purge.
{
  i=0
  hosts=("127.0.0.1" "::1")
  IFS=',' read -ra list <<<"$backends"
  for b in "${list[@]}"; do
    host=${b%:*}
    bport=${b##*:}
    hosts+=("$host")
    cat <<VCL
backend app$i {
    .host = "$host";
    .port = "$bport";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 30s;
    .probe = {
        .url = "/api/health";
        .interval = 2s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}
VCL
    i=$((i + 1))
  done
  echo "import directors;"
  echo "sub vcl_init {"
  echo "    new app = directors.round_robin();"
  for ((j = 0; j < i; j++)); do echo "    app.add_backend(app$j);"; done
  echo "}"
  IFS=',' read -ra extra <<<"${VARNISH_PURGERS:-}"
  echo "acl purgers {"
  for h in "${hosts[@]}" "${extra[@]}"; do
    [ -n "$h" ] && echo "    \"$h\";"
  done
  echo "}"
} >"$work/backends.vcl"

"$varnishd" -F \
  -a "127.0.0.1:$port" \
  -n "$work/state" \
  -f "$here/skillmate.vcl" \
  -p "vcl_path=$work:$here" \
  -p http_gzip_support=off \
  -s "malloc,${VARNISH_STORAGE:-256m}" &
child=$!
stop() {
  kill -TERM "$child" 2>/dev/null || true
  wait "$child" 2>/dev/null || true
  rm -rf "$work"
  exit 0
}
trap stop TERM INT
wait "$child"
status=$?
rm -rf "$work"
exit "$status"
