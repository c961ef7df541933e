#ifndef ANTRE_CLIBPQ_SHIM_H
#define ANTRE_CLIBPQ_SHIM_H
#include <libpq-fe.h>

// PG_DIAG_SQLSTATE is a character-literal macro ('C'), which Swift does not import.
static const int antre_pg_diag_sqlstate = PG_DIAG_SQLSTATE;

#endif
