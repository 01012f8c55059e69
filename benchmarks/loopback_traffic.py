#!/usr/bin/env python3
"""Bounded HTTP traffic on 127.0.0.1 for the table benchmark: a small HTTP/1.1 server and a client loop.

usage: loopback_traffic.py server PORT        serve until killed (binds 127.0.0.1 only)
       loopback_traffic.py client PORT N      make at most N requests, then exit

The client mixes short connections (one request, then close) with keep-alive connections of up to
20 requests, and asks for bodies of different sizes, so the capture has many streams (with reused
ports once the ephemeral range wraps), data segments of several lengths and FIN/RST closes.
"""
import http.client
import http.server
import random
import sys

BODIES = {"/small": b"x" * 100, "/medium": b"m" * 4000, "/large": b"L" * 20000}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # one write per response and no Nagle: otherwise each response waits for a delayed ACK (40 ms)
    wbufsize = 1 << 17
    disable_nagle_algorithm = True

    def do_GET(self):
        body = BODIES.get(self.path, b"not found\n")
        self.send_response(200 if self.path in BODIES else 404)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve(port):
    http.server.ThreadingHTTPServer.daemon_threads = True
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler) as server:
        server.serve_forever()


def client(port, limit):
    rng = random.Random(42)
    paths = ["/small"] * 6 + ["/medium"] * 3 + ["/large"] + ["/missing"]
    done = 0
    while done < limit:
        per_connection = 1 if rng.random() < 0.5 else rng.randint(2, 20)
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            for _ in range(min(per_connection, limit - done)):
                conn.request("GET", rng.choice(paths))
                conn.getresponse().read()
                done += 1
            conn.close()
        except OSError:
            return  # server gone: the capture is complete


if __name__ == "__main__":
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "server":
        serve(port)
    else:
        client(port, int(sys.argv[3]))
