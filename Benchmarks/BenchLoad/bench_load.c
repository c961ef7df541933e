// bench-load: antre-bench's load client, in C over epoll so that it is never the bottleneck
// it measures. Every time is taken on CLOCK_MONOTONIC in this one process.
//
//   bench-load screens --port P --screens N [--rounds R] [--snapshot] [--pid PID]
//                      --trigger-path PATH [--trigger-token T] [--trigger-body TEXT]
//                      [--ws-path /ws] [--connecting 256] [--timeout 30]
//     Connects N WebSocket screens (at most --connecting handshakes in flight), waits until
//     each is open (and, with --snapshot, has its first message), then R times: POSTs the
//     trigger and times, for every screen, the arrival of a frame holding "type":"called".
//     Output lines: `connected N SECONDS`, `rss_kb BEFORE AFTER` (with --pid), and per round
//     `round I RECEIVED P50_US P99_US MAX_US STATUS`.
//     With --before-path PATH, that request (same token) goes before each round's trigger,
//     untimed, and its answer is awaited.
//     With --hold S (and no trigger needed): after connecting, keeps every screen reading
//     (and discarding) the feed for S seconds, then prints `held OPEN` and exits — the
//     screens a server carries while another load runs.
//
//   bench-load calls --port P --seconds S [--counters 8] [--token-format c%d-secret]
//                    [--path-format /api/counters/%d/call] [--before-format PATH_FORMAT]
//     One keep-alive connection calling counters 1…N in turn, back to back, for S seconds.
//     With --before-format (e.g. /api/counters/%d/start) that request goes first, untimed:
//     Antre answers a second call within 5 s of an unstarted one with the same ticket.
//     Output: `calls OK NOBODY OTHER P50_US P99_US MAX_US`.

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void fail(const char *message) {
  fprintf(stderr, "bench-load: %s (%s)\n", message, errno ? strerror(errno) : "no system error");
  exit(1);
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

// Nearest-rank percentile of a sorted array.
static double percentile(const double *sorted, size_t count, double p) {
  if (count == 0) return 0;
  size_t rank = (size_t)(p / 100.0 * (double)count + 0.999999);
  if (rank < 1) rank = 1;
  if (rank > count) rank = count;
  return sorted[rank - 1];
}

static int connect_socket(int port, int blocking) {
  int fd = socket(AF_INET, SOCK_STREAM | (blocking ? 0 : SOCK_NONBLOCK), 0);
  if (fd < 0) return -1;
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct sockaddr_in address;
  memset(&address, 0, sizeof address);
  address.sin_family = AF_INET;
  address.sin_port = htons((uint16_t)port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0 && errno != EINPROGRESS) {
    close(fd);
    return -1;
  }
  return fd;
}

static void write_all(int fd, const char *bytes, size_t length) {
  while (length > 0) {
    ssize_t n = write(fd, bytes, length);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      usleep(100);
      continue;
    }
    if (n <= 0) fail("write failed");
    bytes += n;
    length -= (size_t)n;
  }
}

// MARK: - screens

enum screen_state { CONNECTING, HANDSHAKE, OPEN, DEAD };

// What a screen needs to follow the stream: the frame header being read, how much payload is
// left, whether the message so far holds the `called` marker (and its last bytes, for a marker
// split across reads), and a control frame's payload (to echo a ping).
#define PREFIX 125
#define MARKER_TAIL 15
struct screen {
  int fd;
  uint8_t state;
  uint8_t header[14];
  uint8_t header_length;
  uint8_t opcode;
  uint8_t fin;
  uint8_t in_payload;
  uint8_t prefix_length;
  uint8_t found;
  uint8_t tail_length;
  uint8_t tail[MARKER_TAIL];
  uint64_t remaining;
  uint32_t messages;
  int round_seen;
  uint8_t prefix[PREFIX];
  char handshake[256];
  uint16_t handshake_length;
};

static struct screen *screens;
static int screen_total, open_count, dead_count, in_flight, started;
static int round_number;
static double round_start;
static double *latencies;
static size_t latency_count;
static int want_snapshot;
static int port;
static const char *ws_path = "/ws";
static int epoll_fd;

static const char called_marker[] = "\"type\":\"called\"";

static void kill_screen(struct screen *s) {
  if (s->state == DEAD) return;
  if (s->state != OPEN || (want_snapshot && s->messages == 0)) in_flight--;
  else open_count--;
  s->state = DEAD;
  dead_count++;
  close(s->fd);
}

static int is_ready(const struct screen *s) {
  return s->state == OPEN && (!want_snapshot || s->messages > 0);
}

static void message_complete(struct screen *s) {
  if (s->opcode == 0x9) {
    // A ping: answer with a masked pong carrying the same payload (a zero mask is valid).
    uint8_t pong[6 + 125];
    pong[0] = 0x8A;
    pong[1] = 0x80 | s->prefix_length;
    memset(pong + 2, 0, 4);
    memcpy(pong + 6, s->prefix, s->prefix_length);
    write_all(s->fd, (const char *)pong, 6 + (size_t)s->prefix_length);
    return;
  }
  if (s->opcode == 0x8) {
    kill_screen(s);
    return;
  }
  if (s->opcode != 0x1 && s->opcode != 0x0) return;
  int was_ready = is_ready(s);
  s->messages++;
  if (!was_ready && is_ready(s)) {
    in_flight--;
    open_count++;
  }
  if (round_number > 0 && s->round_seen != round_number && s->found) {
    s->round_seen = round_number;
    latencies[latency_count++] = now_seconds() - round_start;
  }
}

// Looks for the `called` marker in the next `length` payload bytes, also across the boundary
// with the bytes before them. Key order in Antre's JSON varies, so the whole message is searched.
static void search_marker(struct screen *s, const uint8_t *bytes, size_t length) {
  const size_t marker = sizeof called_marker - 1;
  if (s->tail_length > 0) {
    uint8_t joint[2 * MARKER_TAIL];
    size_t head = length < marker - 1 ? length : marker - 1;
    memcpy(joint, s->tail, s->tail_length);
    memcpy(joint + s->tail_length, bytes, head);
    if (memmem(joint, s->tail_length + head, called_marker, marker)) {
      s->found = 1;
      return;
    }
  }
  if (memmem(bytes, length, called_marker, marker)) {
    s->found = 1;
    return;
  }
  uint8_t joint[2 * MARKER_TAIL];
  size_t keep = marker - 1;
  size_t old = length >= keep ? 0 : (s->tail_length < keep - length ? s->tail_length : keep - length);
  memcpy(joint, s->tail + s->tail_length - old, old);
  size_t fresh = length < keep ? length : keep;
  memcpy(joint + old, bytes + length - fresh, fresh);
  memcpy(s->tail, joint, old + fresh);
  s->tail_length = (uint8_t)(old + fresh);
}

static void feed_frames(struct screen *s, const uint8_t *bytes, size_t length) {
  while (length > 0 && s->state == OPEN) {
    if (!s->in_payload) {
      s->header[s->header_length++] = *bytes++;
      length--;
      if (s->header_length < 2) continue;
      uint8_t small = s->header[1] & 0x7F;
      size_t need = small == 126 ? 4 : small == 127 ? 10 : 2;
      if (s->header_length < need) continue;
      uint64_t payload = small;
      if (small == 126) payload = (uint64_t)s->header[2] << 8 | s->header[3];
      if (small == 127) {
        payload = 0;
        for (int i = 2; i < 10; i++) payload = payload << 8 | s->header[i];
      }
      uint8_t opcode = s->header[0] & 0x0F;
      s->fin = (s->header[0] & 0x80) != 0;
      if (opcode != 0) {
        s->opcode = opcode;
        s->prefix_length = 0;
        s->found = 0;
        s->tail_length = 0;
      }
      s->header_length = 0;
      if (payload == 0) {
        if (s->fin) message_complete(s);
        continue;
      }
      s->remaining = payload;
      s->in_payload = 1;
      continue;
    }
    size_t take = length < s->remaining ? length : (size_t)s->remaining;
    if (s->opcode >= 0x8) {
      size_t room = PREFIX - s->prefix_length;
      size_t copy = take < room ? take : room;
      memcpy(s->prefix + s->prefix_length, bytes, copy);
      s->prefix_length += (uint8_t)copy;
    } else if (round_number > 0 && !s->found) {
      search_marker(s, bytes, take);
    }
    bytes += take;
    length -= take;
    s->remaining -= take;
    if (s->remaining == 0) {
      s->in_payload = 0;
      if (s->fin) message_complete(s);
    }
  }
}

static void send_upgrade(struct screen *s) {
  char request[512];
  int n = snprintf(request, sizeof request,
      "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
      ws_path, port);
  write_all(s->fd, request, (size_t)n);
  s->state = HANDSHAKE;
  struct epoll_event ev = {.events = EPOLLIN, .data.ptr = s};
  epoll_ctl(epoll_fd, EPOLL_CTL_MOD, s->fd, &ev);
}

static void start_screen(struct screen *s) {
  s->fd = connect_socket(port, 0);
  if (s->fd < 0) fail("socket/connect failed (open-file limit or port range?)");
  s->state = CONNECTING;
  in_flight++;
  started++;
  struct epoll_event ev = {.events = EPOLLOUT, .data.ptr = s};
  if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, s->fd, &ev) != 0) fail("epoll_ctl failed");
}

static uint8_t read_buffer[1 << 16];

static void screen_ready_event(struct screen *s, uint32_t events) {
  if (s->state == CONNECTING) {
    int error = 0;
    socklen_t length = sizeof error;
    getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0 || (events & (EPOLLERR | EPOLLHUP))) {
      kill_screen(s);
      return;
    }
    send_upgrade(s);
    return;
  }
  ssize_t n = read(s->fd, read_buffer, sizeof read_buffer);
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (n <= 0) {
    kill_screen(s);
    return;
  }
  const uint8_t *bytes = read_buffer;
  size_t length = (size_t)n;
  if (s->state == HANDSHAKE) {
    size_t room = sizeof s->handshake - 1 - s->handshake_length;
    size_t copy = length < room ? length : room;
    memcpy(s->handshake + s->handshake_length, bytes, copy);
    s->handshake_length += (uint16_t)copy;
    s->handshake[s->handshake_length] = 0;
    char *end = strstr(s->handshake, "\r\n\r\n");
    if (!end) {
      if (s->handshake_length >= sizeof s->handshake - 1) kill_screen(s);
      return;
    }
    if (strncmp(s->handshake, "HTTP/1.1 101", 12) != 0) {
      kill_screen(s);
      return;
    }
    size_t used = (size_t)(end + 4 - s->handshake) - (s->handshake_length - copy);
    bytes += used;
    length -= used;
    s->state = OPEN;
    if (!want_snapshot) {
      in_flight--;
      open_count++;
    }
  }
  feed_frames(s, bytes, length);
}

static int trigger_fd = -1;
static int trigger_status;
static char trigger_request[4096];
static size_t trigger_request_length;

static void read_trigger(void) {
  char buffer[8192];
  ssize_t n = read(trigger_fd, buffer, sizeof buffer - 1);
  if (n <= 0) {
    if (n < 0 && errno == EAGAIN) return;
    fail("the trigger connection closed");
  }
  buffer[n] = 0;
  if (strncmp(buffer, "HTTP/1.1 ", 9) == 0) trigger_status = atoi(buffer + 9);
}

static void poll_once(int timeout_ms) {
  struct epoll_event events[1024];
  int n = epoll_wait(epoll_fd, events, 1024, timeout_ms);
  for (int i = 0; i < n; i++) {
    if (events[i].data.ptr == NULL) {
      read_trigger();
    } else {
      screen_ready_event(events[i].data.ptr, events[i].events);
    }
  }
}

static long rss_kb(int pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/status", pid);
  FILE *file = fopen(path, "r");
  if (!file) return -1;
  char line[256];
  long value = -1;
  while (fgets(line, sizeof line, file)) {
    if (strncmp(line, "VmRSS:", 6) == 0) value = atol(line + 6);
  }
  fclose(file);
  return value;
}

static int run_screens(int argc, char **argv) {
  int rounds = 3, pid = 0, connecting = 256;
  double timeout = 30, hold = 0;
  const char *before_path = NULL;
  const char *trigger_path = NULL, *trigger_token = NULL, *trigger_body = "";
  for (int i = 2; i < argc; i++) {
    const char *flag = argv[i];
    const char *value = i + 1 < argc ? argv[i + 1] : "";
    if (strcmp(flag, "--snapshot") == 0) {
      want_snapshot = 1;
      continue;
    }
    i++;
    if (strcmp(flag, "--port") == 0) port = atoi(value);
    else if (strcmp(flag, "--screens") == 0) screen_total = atoi(value);
    else if (strcmp(flag, "--rounds") == 0) rounds = atoi(value);
    else if (strcmp(flag, "--pid") == 0) pid = atoi(value);
    else if (strcmp(flag, "--connecting") == 0) connecting = atoi(value);
    else if (strcmp(flag, "--timeout") == 0) timeout = atof(value);
    else if (strcmp(flag, "--hold") == 0) hold = atof(value);
    else if (strcmp(flag, "--before-path") == 0) before_path = value;
    else if (strcmp(flag, "--trigger-path") == 0) trigger_path = value;
    else if (strcmp(flag, "--trigger-token") == 0) trigger_token = value;
    else if (strcmp(flag, "--trigger-body") == 0) trigger_body = value;
    else if (strcmp(flag, "--ws-path") == 0) ws_path = value;
    else fail("unknown option");
  }
  if (port <= 0 || screen_total <= 0 || (!trigger_path && hold <= 0) || connecting < 1)
    fail("bad arguments");
  if (!trigger_path) trigger_path = "/";

  char authorization[256] = "";
  if (trigger_token) snprintf(authorization, sizeof authorization, "Authorization: Bearer %s\r\n", trigger_token);
  int length = snprintf(trigger_request, sizeof trigger_request,
      "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n%sContent-Type: application/json\r\n"
      "Content-Length: %zu\r\n\r\n%s",
      trigger_path, port, authorization, strlen(trigger_body), trigger_body);
  if (length <= 0 || (size_t)length >= sizeof trigger_request) fail("trigger too long");
  trigger_request_length = (size_t)length;

  epoll_fd = epoll_create1(0);
  screens = calloc((size_t)screen_total, sizeof *screens);
  latencies = calloc((size_t)screen_total, sizeof *latencies);
  if (!screens || !latencies) fail("out of memory");

  long before = pid ? rss_kb(pid) : 0;
  double begin = now_seconds();
  double deadline = begin + timeout;
  while (open_count + dead_count < screen_total) {
    while (started < screen_total && in_flight < connecting) start_screen(&screens[started]);
    poll_once(100);
    if (now_seconds() > deadline) break;
  }
  double connected_after = now_seconds() - begin;
  printf("connected %d %.3f\n", open_count, connected_after);
  if (dead_count > 0) printf("failed %d\n", dead_count);
  fflush(stdout);
  // Let the server settle (its snapshot buffers drained) before measuring it.
  double settle = now_seconds() + 0.3;
  while (now_seconds() < settle) poll_once(50);
  if (pid) {
    printf("rss_kb %ld %ld\n", before, rss_kb(pid));
    fflush(stdout);
  }

  if (hold > 0) {
    double until = now_seconds() + hold;
    while (now_seconds() < until) poll_once(50);
    printf("held %d\n", open_count);
    fflush(stdout);
    return 0;
  }

  trigger_fd = connect_socket(port, 1);
  if (trigger_fd < 0) fail("cannot connect the trigger");
  fcntl(trigger_fd, F_SETFL, O_NONBLOCK);
  struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
  epoll_ctl(epoll_fd, EPOLL_CTL_ADD, trigger_fd, &ev);

  char before_request[1024];
  size_t before_length = 0;
  if (before_path) {
    int n = snprintf(before_request, sizeof before_request,
        "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n%sContent-Length: 0\r\n\r\n",
        before_path, port, authorization);
    if (n <= 0 || (size_t)n >= sizeof before_request) fail("before request too long");
    before_length = (size_t)n;
  }
  for (int r = 1; r <= rounds; r++) {
    if (before_length) {
      trigger_status = 0;
      write_all(trigger_fd, before_request, before_length);
      double until = now_seconds() + timeout;
      while (trigger_status == 0 && now_seconds() < until) poll_once(20);
    }
    latency_count = 0;
    trigger_status = 0;
    int expected = open_count;
    round_number = r;
    round_start = now_seconds();
    write_all(trigger_fd, trigger_request, trigger_request_length);
    double round_deadline = round_start + timeout;
    while ((latency_count < (size_t)expected || trigger_status == 0) &&
           now_seconds() < round_deadline) {
      poll_once(50);
      expected = open_count;
    }
    qsort(latencies, latency_count, sizeof *latencies, compare_doubles);
    printf("round %d %zu %.0f %.0f %.0f %d\n", r, latency_count,
        percentile(latencies, latency_count, 50) * 1e6, percentile(latencies, latency_count, 99) * 1e6,
        latency_count ? latencies[latency_count - 1] * 1e6 : 0.0, trigger_status);
    fflush(stdout);
    // Quiet between rounds, so one round's tail does not delay the next one's start.
    double quiet = now_seconds() + 0.2;
    while (now_seconds() < quiet) poll_once(20);
  }
  return 0;
}

// MARK: - calls

// Reads one HTTP response (headers plus Content-Length body) from a blocking socket; returns
// its status. Leftover bytes of a pipelined response cannot occur: one request at a time.
static int read_response(int fd) {
  static char buffer[65536];
  size_t have = 0;
  char *end = NULL;
  while (!end) {
    ssize_t n = read(fd, buffer + have, sizeof buffer - 1 - have);
    if (n <= 0) fail("the call connection closed");
    have += (size_t)n;
    buffer[have] = 0;
    end = strstr(buffer, "\r\n\r\n");
  }
  int status = strncmp(buffer, "HTTP/1.1 ", 9) == 0 ? atoi(buffer + 9) : 0;
  size_t body = 0;
  char *header = strcasestr(buffer, "\r\nContent-Length:");
  if (header && header < end) body = (size_t)atol(header + 17);
  size_t total = (size_t)(end + 4 - buffer) + body;
  while (have < total) {
    ssize_t n = read(fd, buffer, total - have < sizeof buffer ? total - have : sizeof buffer);
    if (n <= 0) fail("the call connection closed");
    have += (size_t)n;
  }
  return status;
}

static int run_calls(int argc, char **argv) {
  double seconds = 5;
  int counters = 8;
  const char *token_format = "c%d-secret", *path_format = "/api/counters/%d/call";
  const char *before_format = NULL;
  for (int i = 2; i + 1 < argc; i += 2) {
    const char *flag = argv[i], *value = argv[i + 1];
    if (strcmp(flag, "--port") == 0) port = atoi(value);
    else if (strcmp(flag, "--seconds") == 0) seconds = atof(value);
    else if (strcmp(flag, "--counters") == 0) counters = atoi(value);
    else if (strcmp(flag, "--token-format") == 0) token_format = value;
    else if (strcmp(flag, "--path-format") == 0) path_format = value;
    else if (strcmp(flag, "--before-format") == 0) before_format = value;
    else fail("unknown option");
  }
  if (port <= 0 || counters < 1) fail("bad arguments");
  int fd = connect_socket(port, 1);
  if (fd < 0) fail("cannot connect");
  size_t capacity = 1 << 20;
  double *samples = malloc(capacity * sizeof *samples);
  size_t count = 0, ok = 0, nobody = 0, other = 0;
  double end = now_seconds() + seconds;
  for (int i = 0; now_seconds() < end && count < capacity; i++) {
    int counter = i % counters + 1;
    char token[128], path[128], request[512];
    snprintf(token, sizeof token, token_format, counter);
    if (before_format) {
      char before[512];
      snprintf(path, sizeof path, before_format, counter);
      int n = snprintf(before, sizeof before,
          "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAuthorization: Bearer %s\r\n"
          "Content-Length: 0\r\n\r\n",
          path, port, token);
      write_all(fd, before, (size_t)n);
      read_response(fd);
    }
    snprintf(path, sizeof path, path_format, counter);
    int length = snprintf(request, sizeof request,
        "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAuthorization: Bearer %s\r\n"
        "Content-Length: 0\r\n\r\n",
        path, port, token);
    double start = now_seconds();
    write_all(fd, request, (size_t)length);
    int status = read_response(fd);
    double took = now_seconds() - start;
    if (status == 204) {
      nobody++;
    } else if (status >= 200 && status < 300) {
      ok++;
      samples[count++] = took;
    } else {
      other++;
    }
  }
  qsort(samples, count, sizeof *samples, compare_doubles);
  printf("calls %zu %zu %zu %.0f %.0f %.0f\n", ok, nobody, other,
      percentile(samples, count, 50) * 1e6, percentile(samples, count, 99) * 1e6,
      count ? samples[count - 1] * 1e6 : 0.0);
  return 0;
}

int main(int argc, char **argv) {
  signal(SIGPIPE, SIG_IGN);
  struct rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
  if (argc >= 2 && strcmp(argv[1], "screens") == 0) return run_screens(argc, argv);
  if (argc >= 2 && strcmp(argv[1], "calls") == 0) return run_calls(argc, argv);
  fprintf(stderr, "usage: bench-load screens|calls … (see the comment at the top of bench_load.c)\n");
  return 2;
}
