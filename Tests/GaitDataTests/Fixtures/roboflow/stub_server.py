#!/usr/bin/env python3
"""Loopback stand-in for Roboflow's dataset export API, for runcoach's tests (see README.md).

Usage: stub_server.py --export-dir DIR --key KEY [--generating-polls N] [--drop-after BYTES]
                      [--bad-md5] [--log FILE]
Prints "PORT <n>" on stdout once listening on 127.0.0.1, then serves until killed.
"""
import argparse, base64, hashlib, http.server, io, json, os, signal, socketserver, sys, threading, time, urllib.parse, zipfile

# A test runner may start us with SIGTERM blocked (the mask is inherited); take it back, and stop
# when the test process that started us is gone, so no server outlives its test.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
PARENT = os.getppid()
def watch_parent():
    while os.getppid() == PARENT:
        time.sleep(0.5)
    os._exit(0)
threading.Thread(target=watch_parent, daemon=True).start()

parser = argparse.ArgumentParser()
parser.add_argument("--export-dir", required=True)
parser.add_argument("--key", required=True)
parser.add_argument("--workspace", default="club")
parser.add_argument("--project", default="runners")
parser.add_argument("--version", default="3")
parser.add_argument("--generating-polls", type=int, default=0)
parser.add_argument("--drop-after", type=int, default=0)
parser.add_argument("--bad-md5", action="store_true")
parser.add_argument("--log")
args = parser.parse_args()

def build_zip(folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for root, _, files in sorted(os.walk(folder)):
            for name in sorted(files):
                path = os.path.join(root, name)
                info = zipfile.ZipInfo(os.path.relpath(path, folder), date_time=(2025, 3, 5, 10, 11, 12))
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(path, "rb") as handle:
                    archive.writestr(info, handle.read())
    return buffer.getvalue()

ARCHIVE = build_zip(args.export_dir)
MD5 = hashlib.md5(b"not the archive" if args.bad_md5 else ARCHIVE).digest()
state = {"polls": 0, "downloads": 0}

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def record(self):
        if args.log:
            with open(args.log, "a") as log:
                log.write(json.dumps({"path": urllib.parse.urlparse(self.path).path, "range": self.headers.get("Range")}) + "\n")

    def send_json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.record()
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        parts = [p for p in url.path.split("/") if p]
        if parts[:1] == ["download"]:
            return self.download()
        if query.get("api_key", [""])[0] != args.key:
            return self.send_json(401, {"error": {"message": "This API key does not exist (or has been revoked).",
                                                  "status": 401, "type": "OAuthException", "hint": "You may retrieve your API key via the Roboflow Dashboard."}})
        if parts == []:
            return self.send_json(200, {"welcome": "Welcome to the Roboflow API.", "instructions": "You are successfully authenticated.",
                                        "docs": "https://docs.roboflow.com", "workspace": args.workspace})
        if parts[:3] != [args.workspace, args.project, args.version] or len(parts) != 4:
            return self.send_json(404, {"error": {"message": "Unsupported request. `GET /%s` does not exist or cannot be loaded." % "/".join(parts), "type": "GraphMethodException"}})
        if parts[3] != "coco":
            return self.send_json(404, {"error": {"message": "Unknown export format %s" % parts[3]}})
        if state["polls"] < args.generating_polls:
            state["polls"] += 1
            return self.send_json(202, {"progress": state["polls"] / (args.generating_polls + 1)})
        host = self.headers.get("Host")
        return self.send_json(200, {"export": {"link": "http://%s/download/%s-%s-%s.zip?X-Goog-Signature=abc123" % (host, args.workspace, args.project, args.version),
                                               "format": "coco", "size": len(ARCHIVE) / 1e6}})

    def download(self):
        state["downloads"] += 1
        start = 0
        header = self.headers.get("Range")
        if header and header.startswith("bytes=") and header.endswith("-"):
            start = int(header[6:-1])
            if start >= len(ARCHIVE):
                self.send_response(416)
                self.send_header("Content-Range", "bytes */%d" % len(ARCHIVE))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(206)
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(ARCHIVE) - 1, len(ARCHIVE)))
        else:
            self.send_response(200)
        body = ARCHIVE[start:]
        self.send_header("Content-Type", "application/zip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("x-goog-hash", "md5=" + base64.b64encode(MD5).decode())
        self.end_headers()
        if args.drop_after and state["downloads"] == 1:
            self.wfile.write(body[:args.drop_after])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(body)

class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True

server = Server(("127.0.0.1", 0), Handler)
print("PORT %d" % server.server_address[1], flush=True)
server.serve_forever()
