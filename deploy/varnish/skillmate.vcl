vcl 4.1;

# The edge cache in front of SkillMate Chats (docs/caching.md, "The edge").
#
# Caches only what the app marks public: the shared pages, their Open Graph images and
# GET /api/chats/share/<id>/, each answered with an `xkey` header naming its share
# (share:<id>). Every write that changes what the public sees purges that key here
# (lib/edge/), so an object may be kept for a day and a revoked link is still gone at the
# very next request. Everything else, and every request of a signed-in user or a guest,
# passes through untouched.
#
# run.sh writes backends.vcl (the app instances, round robin, health-checked) and starts
# varnishd with this file.

import std;
import xkey;

include "backends.vcl";

# Who may purge: the app instances (the same hosts run.sh names as backends) and this host.
# run.sh writes the list into backends.vcl as the acl `purgers`.

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "An xkey-purge header names the keys to purge"));
        }
        # A hard purge: the objects go at once, grace included.
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.x-purged));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Only the public routes; not their RSC payloads (client navigations, which vary on
    # the router's state headers), only whole pages.
    if (req.url !~ "^/chatbot/share/[A-Za-z0-9_-]+(/opengraph-image[^/]*)?(\?.*)?$" &&
        req.url !~ "^/api/chats/share/[A-Za-z0-9_-]+/?(\?.*)?$") {
        return (pass);
    }
    if (req.http.rsc || req.http.next-router-prefetch || req.http.next-router-state-tree ||
        req.url ~ "[?&]_rsc=") {
        return (pass);
    }
    # A signed-in user or a guest: never from the cache, and never into it.
    if (req.http.cookie ~ "(^|;\s*)(__Secure-|__Host-)?(authjs\.session-token|skillmate_guest)") {
        return (pass);
    }
    # Public responses depend on no cookie, and the page and the API on no query string:
    # dropping them keeps one object per share (and made-up queries from bypassing it).
    # The image keeps its query, which Next uses to version it.
    unset req.http.cookie;
    unset req.http.authorization;
    # Two variants at most, each stored as the app sent it (the app compresses; Varnish's
    # own gzip handling is off in run.sh): gzip for clients that take it, else identity.
    # Unzipping a stored page for every client that does not take gzip halved throughput.
    if (req.http.accept-encoding ~ "\bgzip\b") {
        set req.http.accept-encoding = "gzip";
    } else {
        unset req.http.accept-encoding;
    }
    if (req.url !~ "/opengraph-image") {
        set req.url = regsub(req.url, "\?.*$", "");
    }
    return (hash);
}

sub vcl_backend_response {
    # Only what the app marked public (its xkey), never a response that sets a cookie,
    # and only answers that say something about the share: found, or not (404, 410).
    if (!beresp.http.xkey || beresp.http.set-cookie || bereq.uncacheable ||
        (beresp.status != 200 && beresp.status != 404 && beresp.status != 410)) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    # Exact purge makes long lives safe; not-found answers live shorter, so that made-up
    # ids cannot hold memory for long (they are purged like the rest when a chat is shared).
    if (beresp.status == 200) {
        set beresp.ttl = std.duration(std.getenv("SKILLMATE_EDGE_TTL"), 24h);
        set beresp.grace = 1h;
    } else {
        set beresp.ttl = 10m;
        set beresp.grace = 0s;
    }
    # A share link that expires says how many seconds it has left (X-Edge-TTL): no copy is
    # kept past them, and none served stale (grace) after, since no write purges it then.
    if (beresp.http.x-edge-ttl) {
        if (std.duration(beresp.http.x-edge-ttl + "s", 0s) < beresp.ttl) {
            set beresp.ttl = std.duration(beresp.http.x-edge-ttl + "s", 0s);
        }
        set beresp.grace = 0s;
        set beresp.keep = 0s;
    }
    return (deliver);
}

sub vcl_deliver {
    # The keys are for this cache alone.
    unset resp.http.xkey;
    unset resp.http.cache-tag;
    unset resp.http.surrogate-key;
    unset resp.http.x-edge-ttl;
    if (obj.uncacheable) {
        set resp.http.x-cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.x-cache = "HIT";
    } else {
        set resp.http.x-cache = "MISS";
    }
}
