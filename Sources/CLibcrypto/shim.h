#ifndef ANTRE_CLIBCRYPTO_SHIM_H
#define ANTRE_CLIBCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#endif
