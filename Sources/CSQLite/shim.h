#ifndef ANTRE_CSQLITE_SHIM_H
#define ANTRE_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a function-pointer cast macro ((sqlite3_destructor_type)-1), which Swift
// cannot import; binding through these makes SQLite copy the bytes before the call returns, so
// Swift's temporary C string buffers may go away afterwards.
static inline int antre_sqlite3_bind_text_transient(
    sqlite3_stmt *statement, int index, const char *text, int length) {
  return sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}

#endif
