// bare-issuer: the yardstick for antre-bench's ticket rows. It does what Antre promises for a
// ticket and nothing else, as plainly as C over libevent and SQLite allows:
//
//   bare-issuer --db FILE [--port N]
//
// - POST /api/tickets with a JSON body `{"service":"A", ...}`: the service is read from the
//   body (a small scanner, no JSON library), the day's next number for that service taken,
//   one row inserted with one reused prepared statement, and a small JSON ticket answered
//   with 201 — only after the COMMIT that holds the row returned;
// - WAL, synchronous=FULL, and group commit on the loop thread as DESIGN.md describes it:
//   event_base_priority_init(base, 3), requests at priority 1, the first change of a batch
//   runs BEGIN and activates a commit event at priority 2 (libevent runs it once no request
//   is ready) plus a priority-0 timer 1 ms later so a busy loop cannot starve it;
// - anything else: 404.
// It prints `listening on http://127.0.0.1:PORT` once it accepts connections.

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/listener.h>
#include <event2/util.h>

#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static struct event_base *base;
static sqlite3 *db;
static sqlite3_stmt *insert;
static struct event *commit_idle, *commit_timer;
static int batch_open;
static struct evhttp_request **pending;
static char **pending_bodies;
static size_t pending_count, pending_capacity;
static long numbers[26 * 27];
static unsigned long long next_id = 1;

static void die(const char *what) {
  fprintf(stderr, "bare-issuer: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
  exit(1);
}

static void exec(const char *sql) {
  if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) die(sql);
}

// The value of "service" in a flat JSON object: 1–2 capital letters, else NULL.
static int read_service(const char *body, size_t length, char out[3]) {
  const char *key = "\"service\"";
  const char *end = body + length;
  const char *p = body;
  size_t klen = strlen(key);
  while (p + klen <= end) {
    if (memcmp(p, key, klen) == 0) {
      p += klen;
      while (p < end && (*p == ' ' || *p == ':')) p++;
      if (p >= end || *p != '"') return 0;
      p++;
      size_t n = 0;
      while (p < end && *p != '"' && n < 3) {
        if (*p < 'A' || *p > 'Z') return 0;
        out[n++] = *p++;
      }
      if (p >= end || *p != '"' || n == 0 || n > 2) return 0;
      out[n] = 0;
      return 1;
    }
    p++;
  }
  return 0;
}

static int service_index(const char *s) {
  return (s[0] - 'A') * 27 + (s[1] ? s[1] - 'A' + 1 : 0);
}

static void reply(struct evhttp_request *req, int status, const char *json) {
  struct evbuffer *out = evbuffer_new();
  evbuffer_add(out, json, strlen(json));
  evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type", "application/json");
  evhttp_send_reply(req, status, status == 201 ? "Created" : "Error", out);
  evbuffer_free(out);
}

static void commit_now(void) {
  if (!batch_open) return;
  batch_open = 0;
  event_del(commit_timer);
  int ok = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
  if (!ok) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
  for (size_t i = 0; i < pending_count; i++) {
    if (ok) {
      reply(pending[i], 201, pending_bodies[i]);
    } else {
      reply(pending[i], 500, "{\"error\":{\"code\":\"internal_error\",\"message\":\"commit\"}}");
    }
    free(pending_bodies[i]);
  }
  pending_count = 0;
}

static void on_commit(evutil_socket_t fd, short what, void *arg) {
  (void)fd;
  (void)what;
  (void)arg;
  commit_now();
}

static void hold(struct evhttp_request *req, char *json) {
  if (pending_count == pending_capacity) {
    pending_capacity = pending_capacity ? pending_capacity * 2 : 256;
    pending = realloc(pending, pending_capacity * sizeof *pending);
    pending_bodies = realloc(pending_bodies, pending_capacity * sizeof *pending_bodies);
    if (!pending || !pending_bodies) abort();
  }
  pending[pending_count] = req;
  pending_bodies[pending_count++] = json;
}

static void on_request(struct evhttp_request *req, void *arg) {
  (void)arg;
  const char *uri = evhttp_request_get_uri(req);
  if (evhttp_request_get_command(req) != EVHTTP_REQ_POST || strcmp(uri, "/api/tickets") != 0) {
    reply(req, 404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no such resource\"}}");
    return;
  }
  struct evbuffer *in = evhttp_request_get_input_buffer(req);
  size_t length = evbuffer_get_length(in);
  char body[1024];
  if (length >= sizeof body) length = sizeof body - 1;
  evbuffer_copyout(in, body, length);
  body[length] = 0;
  char service[3];
  if (!read_service(body, length, service)) {
    reply(req, 400, "{\"error\":{\"code\":\"bad_request\",\"message\":\"service\"}}");
    return;
  }
  if (!batch_open) {
    exec("BEGIN");
    batch_open = 1;
    event_active(commit_idle, EV_TIMEOUT, 0);
    struct timeval ms = {0, 1000};
    event_add(commit_timer, &ms);
  }
  long number = ++numbers[service_index(service)];
  char id[24], num[16];
  snprintf(id, sizeof id, "t%llu", next_id++);
  snprintf(num, sizeof num, "%s%03ld", service, number);
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  long long millis = (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
  sqlite3_bind_text(insert, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text(insert, 2, service, -1, SQLITE_STATIC);
  sqlite3_bind_text(insert, 3, num, -1, SQLITE_STATIC);
  sqlite3_bind_int64(insert, 4, millis);
  if (sqlite3_step(insert) != SQLITE_DONE) die("insert");
  sqlite3_reset(insert);
  char *json = malloc(160);
  if (!json) abort();
  snprintf(
    json, 160,
    "{\"id\":\"%s\",\"number\":\"%s\",\"service\":\"%s\",\"state\":\"waiting\",\"position\":%ld}",
    id, num, service, number);
  hold(req, json);
}

static void on_signal(evutil_socket_t fd, short what, void *arg) {
  (void)fd;
  (void)what;
  (void)arg;
  commit_now();
  event_base_loopbreak(base);
}

int main(int argc, char **argv) {
  int port = 0;
  const char *path = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--port") == 0 && i + 1 < argc) port = atoi(argv[++i]);
    else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) path = argv[++i];
  }
  if (!path) {
    fprintf(stderr, "usage: bare-issuer --db FILE [--port N]\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  if (sqlite3_open(path, &db) != SQLITE_OK) die("open");
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=FULL");
  exec("CREATE TABLE IF NOT EXISTS tickets (id TEXT PRIMARY KEY, service TEXT NOT NULL, "
       "number TEXT NOT NULL, issued_at INTEGER NOT NULL)");
  if (sqlite3_prepare_v2(
        db, "INSERT INTO tickets (id, service, number, issued_at) VALUES (?, ?, ?, ?)", -1,
        &insert, NULL) != SQLITE_OK)
    die("prepare");

  base = event_base_new();
  event_base_priority_init(base, 3);
  commit_idle = event_new(base, -1, 0, on_commit, NULL);
  event_priority_set(commit_idle, 2);
  commit_timer = evtimer_new(base, on_commit, NULL);
  event_priority_set(commit_timer, 0);

  struct sockaddr_in sin;
  memset(&sin, 0, sizeof sin);
  sin.sin_family = AF_INET;
  sin.sin_addr.s_addr = htonl(0x7f000001);
  sin.sin_port = htons((uint16_t)port);
  struct evconnlistener *listener = evconnlistener_new_bind(
    base, NULL, NULL, LEV_OPT_REUSEABLE | LEV_OPT_CLOSE_ON_FREE, 1024, (struct sockaddr *)&sin,
    sizeof sin);
  if (!listener) {
    perror("bare-issuer: listen");
    return 1;
  }
  struct evhttp *http = evhttp_new(base);
  evhttp_bind_listener(http, listener);
  evhttp_set_gencb(http, on_request, NULL);

  struct sockaddr_in bound;
  socklen_t len = sizeof bound;
  getsockname(evconnlistener_get_fd(listener), (struct sockaddr *)&bound, &len);
  printf("listening on http://127.0.0.1:%d\n", ntohs(bound.sin_port));
  fflush(stdout);

  struct event *term = evsignal_new(base, SIGTERM, on_signal, NULL);
  struct event *intr = evsignal_new(base, SIGINT, on_signal, NULL);
  event_add(term, NULL);
  event_add(intr, NULL);
  event_base_dispatch(base);
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return 0;
}
