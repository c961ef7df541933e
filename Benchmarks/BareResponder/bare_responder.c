// bare-responder: the least a libevent server can do for antre-bench's loads, so every figure
// of `antre serve` also prints as a ratio to what this machine allows in the same run.
//
//   bare-responder [--port N]
//
// - any HTTP request: a fixed 201 JSON response (the size of an issued ticket), via evhttp as
//   Antre's server uses it, keep-alive;
// - GET /ws with an upgrade: the handshake, then the socket is kept and its input discarded;
// - POST /fanout with a body: each line of the body framed once as a WebSocket text frame, and
//   those frames written to every kept socket.
// It prints `listening on http://127.0.0.1:PORT` once it accepts connections.

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <event2/listener.h>
#include <event2/util.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "sha1.h"

static const char ticket_json[] =
    "{\"id\":\"q3J9vS0bT1xW8yZ2aB4cD6\",\"number\":\"A001\",\"service\":\"A\","
    "\"state\":\"waiting\",\"priority\":false,\"issued_at\":\"2026-11-28T09:15:02+07:00\","
    "\"called_at\":null,\"counter\":null,\"calls\":0,\"position\":1,\"eta_s\":300}";

struct screen {
  struct bufferevent *bev;
  struct evhttp_connection *evcon;
  size_t index;
};

static struct event_base *base;
static struct screen **screens;
static size_t screen_count, screen_capacity;

static void add_screen(struct screen *s) {
  if (screen_count == screen_capacity) {
    screen_capacity = screen_capacity ? screen_capacity * 2 : 1024;
    screens = realloc(screens, screen_capacity * sizeof *screens);
    if (!screens) abort();
  }
  s->index = screen_count;
  screens[screen_count++] = s;
}

static void remove_screen(struct screen *s) {
  struct screen *last = screens[--screen_count];
  screens[s->index] = last;
  last->index = s->index;
}

// Freed on a later loop pass, never inside the connection's own callback (as Antre does).
static void free_screen_later(evutil_socket_t fd, short what, void *arg) {
  (void)fd;
  (void)what;
  struct screen *s = arg;
  evhttp_connection_free(s->evcon);
  free(s);
}

static void screen_readable(struct bufferevent *bev, void *arg) {
  (void)arg;
  struct evbuffer *input = bufferevent_get_input(bev);
  evbuffer_drain(input, evbuffer_get_length(input));
}

static void screen_event(struct bufferevent *bev, short what, void *arg) {
  (void)what;
  struct screen *s = arg;
  bufferevent_disable(bev, EV_READ | EV_WRITE);
  bufferevent_setcb(bev, NULL, NULL, NULL, NULL);
  remove_screen(s);
  struct timeval now = {0, 0};
  event_base_once(base, -1, EV_TIMEOUT, free_screen_later, s, &now);
}

static void base64(const uint8_t *in, size_t length, char *out) {
  static const char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t o = 0;
  for (size_t i = 0; i < length; i += 3) {
    uint32_t v = (uint32_t)in[i] << 16;
    if (i + 1 < length) v |= (uint32_t)in[i + 1] << 8;
    if (i + 2 < length) v |= in[i + 2];
    out[o++] = alphabet[(v >> 18) & 63];
    out[o++] = alphabet[(v >> 12) & 63];
    out[o++] = i + 1 < length ? alphabet[(v >> 6) & 63] : '=';
    out[o++] = i + 2 < length ? alphabet[v & 63] : '=';
  }
  out[o] = 0;
}

static void upgrade(struct evhttp_request *req) {
  const char *key = evhttp_find_header(evhttp_request_get_input_headers(req), "Sec-WebSocket-Key");
  if (!key || strlen(key) > 64) {
    evhttp_send_error(req, 400, "missing Sec-WebSocket-Key");
    return;
  }
  char joined[128];
  snprintf(joined, sizeof joined, "%s258EAFA5-E914-47DA-95CA-C5AB0DC85B11", key);
  uint8_t digest[20];
  sha1((const uint8_t *)joined, strlen(joined), digest);
  char accept[32];
  base64(digest, sizeof digest, accept);

  struct evhttp_connection *evcon = evhttp_request_get_connection(req);
  struct bufferevent *bev = evhttp_connection_get_bufferevent(evcon);
  struct screen *s = calloc(1, sizeof *s);
  if (!s) abort();
  s->bev = bev;
  s->evcon = evcon;
  char head[256];
  int length = snprintf(head, sizeof head,
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Accept: %s\r\n\r\n",
      accept);
  // The order Antre found necessary (DESIGN.md): callbacks, enable, then clear timeouts.
  bufferevent_setcb(bev, screen_readable, NULL, screen_event, s);
  bufferevent_enable(bev, EV_READ | EV_WRITE);
  bufferevent_set_timeouts(bev, NULL, NULL);
  bufferevent_write(bev, head, (size_t)length);
  add_screen(s);
}

// Appends `length` bytes of `payload` to `frame` as one unmasked text frame.
static size_t append_frame(uint8_t *frame, const uint8_t *payload, size_t length) {
  size_t header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  frame[0] = 0x81;
  if (header == 2) {
    frame[1] = (uint8_t)length;
  } else if (header == 4) {
    frame[1] = 126;
    frame[2] = (uint8_t)(length >> 8);
    frame[3] = (uint8_t)length;
  } else {
    frame[1] = 127;
    for (int i = 0; i < 8; i++) frame[2 + i] = (uint8_t)((uint64_t)length >> (56 - 8 * i));
  }
  memcpy(frame + header, payload, length);
  return header + length;
}

// Each line of the body becomes one text frame; all of them go to every screen in one write,
// as Antre's call sends its `finished` and `called` events.
static void fan_out(struct evhttp_request *req) {
  struct evbuffer *body = evhttp_request_get_input_buffer(req);
  size_t length = evbuffer_get_length(body);
  uint8_t *text = malloc(length + 1);
  uint8_t *frames = malloc(length * 2 + 64);
  if (!text || !frames) abort();
  evbuffer_remove(body, text, length);
  size_t framed = 0;
  size_t start = 0;
  for (size_t i = 0; i <= length; i++) {
    if (i == length || text[i] == '\n') {
      if (i > start) framed += append_frame(frames + framed, text + start, i - start);
      start = i + 1;
    }
  }
  for (size_t i = 0; i < screen_count; i++) bufferevent_write(screens[i]->bev, frames, framed);
  free(text);
  free(frames);
  struct evbuffer *reply = evbuffer_new();
  evbuffer_add_printf(reply, "{\"screens\":%zu}", screen_count);
  evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type", "application/json");
  evhttp_send_reply(req, 200, "OK", reply);
  evbuffer_free(reply);
}

static void request(struct evhttp_request *req, void *arg) {
  (void)arg;
  const char *uri = evhttp_request_get_uri(req);
  enum evhttp_cmd_type command = evhttp_request_get_command(req);
  if (command == EVHTTP_REQ_GET && strncmp(uri, "/ws", 3) == 0 &&
      evhttp_find_header(evhttp_request_get_input_headers(req), "Upgrade")) {
    upgrade(req);
    return;
  }
  if (command == EVHTTP_REQ_POST && strcmp(uri, "/fanout") == 0) {
    fan_out(req);
    return;
  }
  struct evbuffer *input = evhttp_request_get_input_buffer(req);
  evbuffer_drain(input, evbuffer_get_length(input));
  struct evbuffer *reply = evbuffer_new();
  evbuffer_add_reference(reply, ticket_json, sizeof ticket_json - 1, NULL, NULL);
  evhttp_add_header(
      evhttp_request_get_output_headers(req), "Content-Type", "application/json; charset=utf-8");
  evhttp_send_reply(req, 201, "Created", reply);
  evbuffer_free(reply);
}

int main(int argc, char **argv) {
  int port = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--port") == 0 && i + 1 < argc) {
      port = atoi(argv[++i]);
    } else {
      fprintf(stderr, "usage: bare-responder [--port N]\n");
      return 2;
    }
  }
  signal(SIGPIPE, SIG_IGN);
  struct rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
  base = event_base_new();
  struct evhttp *http = evhttp_new(base);
  if (!base || !http) return 1;
  evhttp_set_gencb(http, request, NULL);
  evhttp_set_allowed_methods(http, EVHTTP_REQ_GET | EVHTTP_REQ_POST);

  struct sockaddr_in address;
  memset(&address, 0, sizeof address);
  address.sin_family = AF_INET;
  address.sin_port = htons((uint16_t)port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // The backlog Antre uses (HTTPLimits), so a burst of connects meets the same queue.
  struct evconnlistener *listener = evconnlistener_new_bind(base, NULL, NULL,
      LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE | LEV_OPT_CLOSE_ON_EXEC, 1024,
      (struct sockaddr *)&address, sizeof address);
  if (!listener) {
    perror("bare-responder: bind");
    return 1;
  }
  if (!evhttp_bind_listener(http, listener)) return 1;
  struct sockaddr_in bound;
  socklen_t bound_length = sizeof bound;
  getsockname(evconnlistener_get_fd(listener), (struct sockaddr *)&bound, &bound_length);
  printf("listening on http://127.0.0.1:%d\n", ntohs(bound.sin_port));
  fflush(stdout);
  event_base_dispatch(base);
  return 0;
}
