#ifndef ANTRE_CQRENCODE_SHIM_H
#define ANTRE_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
