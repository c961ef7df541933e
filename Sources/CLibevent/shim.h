#ifndef ANTRE_CLIBEVENT_SHIM_H
#define ANTRE_CLIBEVENT_SHIM_H
// System headers first, so they come from the C library's own module: event-config.h below
// defines _GNU_SOURCE, and a second, differently configured copy of `fd_set` inside this
// module would clash with Glibc's in a clean build.
#include <sys/types.h>
#include <sys/time.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdarg.h>
#include <event2/event.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/dns.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <event2/listener.h>
#include <event2/util.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <event2/bufferevent_ssl.h>

// evsignal_new is a function-like macro, which Swift cannot import (it also sets EV_SIGNAL|EV_PERSIST for us).
static inline struct event *antre_evsignal_new(struct event_base *base, int signum,
    event_callback_fn callback, void *arg) {
  return evsignal_new(base, signum, callback, arg);
}

// event_add with a delay in microseconds: the timeval is built here so Swift never handles one.
// (Timers are made with event_new(base, -1, flags, ...), not the evtimer_new macro, so a
// repeating timer can pass EV_PERSIST.)
static inline int antre_event_add_after(struct event *ev, long long microseconds) {
  struct timeval tv;
  tv.tv_sec = (time_t)(microseconds / 1000000);
  tv.tv_usec = (suseconds_t)(microseconds % 1000000);
  return event_add(ev, &tv);
}

// bufferevent_set_timeouts takes two timeval pointers; NULL disables a timeout. A negative
// argument here means "none".
static inline int antre_bufferevent_set_timeouts(struct bufferevent *bev,
    long long read_microseconds, long long write_microseconds) {
  struct timeval read_tv, write_tv;
  read_tv.tv_sec = (time_t)(read_microseconds / 1000000);
  read_tv.tv_usec = (suseconds_t)(read_microseconds % 1000000);
  write_tv.tv_sec = (time_t)(write_microseconds / 1000000);
  write_tv.tv_usec = (suseconds_t)(write_microseconds % 1000000);
  return bufferevent_set_timeouts(bev, read_microseconds < 0 ? NULL : &read_tv,
      write_microseconds < 0 ? NULL : &write_tv);
}

// The local port of a bound socket (for --port 0): sockaddr layouts stay in C.
static inline int antre_socket_local_port(evutil_socket_t fd) {
  struct sockaddr_storage addr;
  socklen_t len = sizeof(addr);
  if (getsockname(fd, (struct sockaddr *)&addr, &len) != 0) return -1;
  if (addr.ss_family == AF_INET) return ntohs(((struct sockaddr_in *)&addr)->sin_port);
  if (addr.ss_family == AF_INET6) return ntohs(((struct sockaddr_in6 *)&addr)->sin6_port);
  return -1;
}

// The peer address of a connected socket, as numeric text without the port.
static inline int antre_socket_peer_address(evutil_socket_t fd, char *out, size_t out_len) {
  struct sockaddr_storage addr;
  socklen_t len = sizeof(addr);
  if (getpeername(fd, (struct sockaddr *)&addr, &len) != 0) return -1;
  const void *src = addr.ss_family == AF_INET6
      ? (const void *)&((struct sockaddr_in6 *)&addr)->sin6_addr
      : (const void *)&((struct sockaddr_in *)&addr)->sin_addr;
  return evutil_inet_ntop(addr.ss_family, src, out, out_len) ? 0 : -1;
}

// Binds a listener for evhttp: LEV_OPT_* flags are macros combined here, and the sockaddr is
// resolved in C so Swift never handles sockaddr layouts.
static inline struct evconnlistener *antre_listener_bind(struct event_base *base,
    const char *host, int port, int backlog, int *error_out) {
  // Zeroed by its initializer, not memset: a memset call here made memset a declaration of
  // this module, and release builds of modules importing FoundationEssentials then failed to
  // deserialize Data's inlined code ("reference to top-level declaration 'memset' broken").
  struct evutil_addrinfo hints = {0}, *result = NULL;
  char port_text[16];
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = EVUTIL_AI_PASSIVE | EVUTIL_AI_NUMERICSERV;
  evutil_snprintf(port_text, sizeof(port_text), "%d", port);
  int gai = evutil_getaddrinfo(host, port_text, &hints, &result);
  if (gai != 0 || result == NULL) { *error_out = -1; return NULL; }
  struct evconnlistener *listener = evconnlistener_new_bind(base, NULL, NULL,
      LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE | LEV_OPT_CLOSE_ON_EXEC, backlog,
      result->ai_addr, (int)result->ai_addrlen);
  *error_out = listener == NULL ? EVUTIL_SOCKET_ERROR() : 0;
  evutil_freeaddrinfo(result);
  return listener;
}
// Copies the last `count` bytes of `buffer` (the ones an evbuffer callback was just told
// were added) to `out`; evbuffer_ptr stays in C.
static inline long antre_evbuffer_copy_tail(struct evbuffer *buffer, void *out, size_t count) {
  size_t length = evbuffer_get_length(buffer);
  if (count > length) return -1;
  struct evbuffer_ptr position;
  if (evbuffer_ptr_set(buffer, &position, length - count, EVBUFFER_PTR_SET) != 0) return -1;
  return (long)evbuffer_copyout_from(buffer, &position, out, count);
}
// TLS for the HTTP client (libevent_openssl over libssl), kept in C so Swift sees only
// opaque pointers. A client context trusts the system's CAs (or $SSL_CERT_FILE), verifies
// the peer and speaks TLS 1.2 or later; SSL_CTX_set_min_proto_version is a macro.
static inline SSL_CTX *antre_tls_client_context(void) {
  SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
  if (!ctx) return NULL;
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
  if (SSL_CTX_set_default_verify_paths(ctx) != 1) {
    SSL_CTX_free(ctx);
    return NULL;
  }
  return ctx;
}

// A bufferevent that speaks TLS to `host`: SNI (SSL_set_tlsext_host_name is a macro) and the
// certificate's name checked against it (an IP literal against its IP). Closing the
// bufferevent frees the SSL. A peer closing without close_notify after a complete response
// (common with `Connection: close`) is not an error.
static inline struct bufferevent *antre_tls_bufferevent(struct event_base *base, SSL_CTX *ctx,
    const char *host, int host_is_ip) {
  SSL *ssl = SSL_new(ctx);
  if (!ssl) return NULL;
  if (host_is_ip) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host);
  } else {
    SSL_set_tlsext_host_name(ssl, host);
    SSL_set1_host(ssl, host);
  }
  struct bufferevent *bev = bufferevent_openssl_socket_new(base, -1, ssl,
      BUFFEREVENT_SSL_CONNECTING, BEV_OPT_CLOSE_ON_FREE | BEV_OPT_DEFER_CALLBACKS);
  if (!bev) {
    SSL_free(ssl);
    return NULL;
  }
  bufferevent_openssl_set_allow_dirty_shutdown(bev, 1);
  return bev;
}

#endif
