#ifndef BARE_RESPONDER_SHA1_H
#define BARE_RESPONDER_SHA1_H
#include <stddef.h>
#include <stdint.h>

// SHA-1 (FIPS 180-4), only for the handshake's Sec-WebSocket-Accept.
void sha1(const uint8_t *message, size_t length, uint8_t digest[20]);
#endif
