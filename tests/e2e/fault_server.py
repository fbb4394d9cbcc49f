#!/usr/bin/env python3
"""A download server that misbehaves on purpose, for test_download_faults.sh.

Usage: fault_server.py ROOT PORT_FILE. Serves ROOT's files under a first path part naming the fault:
  /stall/REL    headers with the full length, half the body, then nothing (the connection stays open)
  /drop/REL     a whole-file request gets half the body and the connection closed; a Range request
                is answered properly (206), so a resumed download completes
  /wrong/REL    200 with other bytes than the file holds (same length)
  /trickle/REL  an endless HTML page at about 4 KB/s (above curl's 1 KB/s low-speed limit)
  /ok/REL       the file
Binds 127.0.0.1 on a free port and writes the port to PORT_FILE. Logs requests to stderr.
"""
import http.server
import os
import re
import socketserver
import sys
import time

ROOT = sys.argv[1]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("%s range=%s\n" % (self.requestline, self.headers.get("Range", "-")))

    def do_GET(self):
        parts = self.path.split("/", 2)
        if len(parts) < 3:
            return self.send_error(404)
        fault, rel = parts[1], parts[2]
        if fault == "trickle":
            return self.trickle()
        path = os.path.join(ROOT, rel)
        if ".." in rel.split("/") or not os.path.isfile(path):
            return self.send_error(404)
        data = open(path, "rb").read()
        if fault == "wrong":
            data = bytes(reversed(data))
        elif fault == "drop" and self.headers.get("Range"):
            start = int(re.match(r"bytes=(\d+)-", self.headers["Range"]).group(1))
            self.send_response(206)
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))
            self.send_header("Content-Length", str(len(data) - start))
            self.end_headers()
            self.wfile.write(data[start:])
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if fault in ("stall", "drop"):
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            if fault == "drop":
                self.close_connection = True
                return
            time.sleep(600)
            return
        self.wfile.write(data)

    def trickle(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()  # no length: the page goes on until the client gives up
        try:
            self.wfile.write(b"<!DOCTYPE html><html><body>\n")
            while True:
                self.wfile.write(b"<!-- " + b"x" * 400 + b" -->\n")
                self.wfile.flush()
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


server = Server(("127.0.0.1", 0), Handler)
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
server.serve_forever()
