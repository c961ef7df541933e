#ifndef ANTRE_CSQLITE_SHIM_H
#define ANTRE_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
