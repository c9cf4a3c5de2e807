#!/usr/bin/env python3
"""Load test of the relation page's API on loopback, bounded in requests and time.

Starts `hegemony serve` on a free loopback port (or uses --url, which must be
a loopback address), then has N concurrent clients (keep-alive connections)
request the relation page's calls until the request budget or the time budget
is spent. Prints throughput and latency percentiles; exits 1 on any error.

    cargo build --release -p hegemony-cli
    python3 crates/hegemony-server/tests/load.py \
        --bin "$CARGO_TARGET_DIR/release/hegemony" --data-dir ../shared/data
"""
import argparse
import http.client
import ipaddress
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse

PATHS = {
    "profile": ["/api/v1/relations/RUS/ARM/profile"],
    # What the relation page loads: the chart, the phases, then one point's explain and facts.
    "page": [
        "/api/v1/relations/RUS/ARM/chart.svg",
        "/api/v1/relations/RUS/ARM/periods",
        "/api/v1/relations/RUS/ARM/explain?year=2016&measure=institutionalisation",
        "/api/v1/relations/RUS/ARM/facts?year=2016",
    ],
}


def start_server(binary, data_dir):
    args = [binary, "serve", "--addr", "127.0.0.1:0"]
    if data_dir:
        args = [binary, "--data-dir", data_dir, "serve", "--addr", "127.0.0.1:0"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    log = ""
    while time.time() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        log += line
        m = re.search(r"serving (http://[^/\s]+)/", line)
        if m:
            threading.Thread(target=lambda: proc.stderr.read(), daemon=True).start()
            return proc, m.group(1)
    proc.kill()
    sys.exit(f"the server did not start:\n{log}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", help="the hegemony binary (starts a server)")
    ap.add_argument("--data-dir", default="", help="data folder for the started server")
    ap.add_argument("--url", help="a running server on loopback, e.g. http://127.0.0.1:8080")
    ap.add_argument("--requests", type=int, default=4000, help="request budget (at most 100000)")
    ap.add_argument("--seconds", type=float, default=60, help="time budget (at most 300)")
    ap.add_argument("--clients", type=int, default=16, help="concurrent clients (at most 256)")
    ap.add_argument("--mix", choices=sorted(PATHS), default="profile")
    a = ap.parse_args()
    requests, seconds, clients = min(a.requests, 100000), min(a.seconds, 300), max(1, min(a.clients, 256))

    proc = None
    if a.url:
        base = a.url
    elif a.bin:
        proc, base = start_server(a.bin, a.data_dir)
    else:
        sys.exit("give --bin (to start a server) or --url")
    u = urllib.parse.urlsplit(base)
    host = u.hostname or ""
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        sys.exit(f"{host}: the load test only targets loopback addresses")
    port = u.port or 80
    paths = PATHS[a.mix]

    # Warm up: the first profile computes the comparison set (then it is cached).
    conn = http.client.HTTPConnection(host, port, timeout=120)
    for p in paths:
        conn.request("GET", p)
        r = conn.getresponse()
        r.read()
        if r.status != 200:
            sys.exit(f"warm-up {p}: HTTP {r.status}")
    conn.close()

    lock = threading.Lock()
    issued = [0]
    latencies, errors, sizes = [], [], [0]
    stop_at = time.time() + seconds

    def client(k):
        c = http.client.HTTPConnection(host, port, timeout=60)
        i = k
        while True:
            with lock:
                if issued[0] >= requests or time.time() >= stop_at:
                    break
                issued[0] += 1
            path = paths[i % len(paths)]
            i += 1
            t0 = time.perf_counter()
            try:
                c.request("GET", path)
                r = c.getresponse()
                body = r.read()
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    sizes[0] += len(body)
                    if r.status != 200:
                        errors.append(f"{path}: HTTP {r.status}")
            except Exception as e:  # noqa: BLE001 - every failure is reported
                with lock:
                    errors.append(f"{path}: {e}")
                c.close()
                c = http.client.HTTPConnection(host, port, timeout=60)
        c.close()

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    if proc:
        proc.terminate()
        proc.wait(timeout=30)

    lat = sorted(latencies)

    def pct(q):
        return lat[min(len(lat) - 1, int(q * len(lat)))] * 1e3 if lat else float("nan")

    print(f"target: {base} ({a.mix}: {', '.join(paths)})")
    print(f"clients {clients}, requests {len(lat)} in {wall:.2f} s (budget {requests} requests / {seconds:.0f} s)")
    print(f"throughput {len(lat) / wall:.0f} req/s, {sizes[0] / wall / 1e6:.1f} MB/s")
    print(f"latency ms: p50 {pct(0.50):.1f}  p90 {pct(0.90):.1f}  p99 {pct(0.99):.1f}  max {lat[-1] * 1e3 if lat else 0:.1f}")
    print(f"errors {len(errors)}" + (f"; first: {errors[0]}" if errors else ""))
    print(f"cores {os.cpu_count()}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
