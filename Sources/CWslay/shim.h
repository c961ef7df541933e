#ifndef ANTRE_CWSLAY_SHIM_H
#define ANTRE_CWSLAY_SHIM_H
#include <wslay/wslay.h>
#endif
