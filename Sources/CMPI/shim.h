#ifndef SEPLAW_CMPI_SHIM_H
#define SEPLAW_CMPI_SHIM_H
#include <mpi.h>

/* Open MPI's handles are macros over addresses of globals, which Swift cannot import. */
static inline MPI_Comm seplaw_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype seplaw_mpi_byte(void) { return MPI_BYTE; }
static inline MPI_Datatype seplaw_mpi_char(void) { return MPI_CHAR; }
static inline MPI_Datatype seplaw_mpi_int64(void) { return MPI_INT64_T; }
static inline MPI_Datatype seplaw_mpi_double(void) { return MPI_DOUBLE; }
static inline MPI_Op seplaw_mpi_sum(void) { return MPI_SUM; }
static inline MPI_Op seplaw_mpi_max(void) { return MPI_MAX; }
static inline MPI_Status *seplaw_mpi_status_ignore(void) { return MPI_STATUS_IGNORE; }
static inline int seplaw_mpi_any_source(void) { return MPI_ANY_SOURCE; }
static inline int seplaw_mpi_any_tag(void) { return MPI_ANY_TAG; }

#endif
