#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H
// SQLite's C API, for reading MLflow's tracking database (mlflow.db) read-only.
#include <sqlite3.h>
#endif
