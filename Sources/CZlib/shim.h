#ifndef SEPLAW_CZLIB_SHIM_H
#define SEPLAW_CZLIB_SHIM_H
#include <zlib.h>
#endif
