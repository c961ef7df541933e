"""A notify_webhook receiver for the end-to-end tests: appends one JSON line per POST to
OUT ({"path", "idempotency_key", "content_type", "body"}) and answers 204. Prints "ready"
once listening on 127.0.0.1:PORT. `--tls CERT KEY` serves HTTPS with that certificate."""
import http.server
import json
import signal
import sys

# The test runner's threads block SIGTERM and children inherit the mask: unblock it, or
# Process.terminate() would never end this receiver.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})

port, out = int(sys.argv[1]), sys.argv[2]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with open(out, "a", encoding="utf-8") as f:
            f.write(json.dumps({
                "path": self.path,
                "idempotency_key": self.headers.get("Idempotency-Key"),
                "content_type": self.headers.get("Content-Type"),
                "body": body.decode("utf-8"),
            }) + "\n")
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", port), Handler)
if len(sys.argv) == 6 and sys.argv[3] == "--tls":
    import ssl
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[4], sys.argv[5])
    server.socket = context.wrap_socket(server.socket, server_side=True)
print("ready", flush=True)
server.serve_forever()
