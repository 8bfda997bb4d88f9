#!/usr/bin/env python3
"""A stand-in for imaging-service's boot endpoints for booting a real image by hand: serves the artifacts of
one directory and the operator's public key, and records phone-homes and heartbeats (printed to stdout)."""
import http.server, sys, urllib.parse

ARTIFACTS, KEY, PORT = sys.argv[1], sys.argv[2], int(sys.argv[3])

class Boot(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=ARTIFACTS, **kwargs)

    def do_GET(self):
        if self.path == '/boot/authorized-keys':
            body = open(KEY, 'rb').read()
            self.send_response(200); self.send_header('Content-Length', str(len(body))); self.end_headers()
            self.wfile.write(body)
            return
        if self.path.startswith('/boot/artifacts/'):
            self.path = '/' + self.path.rsplit('/', 1)[1]
        super().do_GET()

    def do_POST(self):
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers['Content-Length'])).decode())
        print('POST', self.path, {k: v[0] for k, v in form.items() if k != 'token'}, flush=True)
        body = b'ok\n'
        self.send_response(200); self.send_header('Content-Length', str(len(body))); self.end_headers()
        self.wfile.write(body)

http.server.ThreadingHTTPServer(('127.0.0.1', PORT), Boot).serve_forever()
